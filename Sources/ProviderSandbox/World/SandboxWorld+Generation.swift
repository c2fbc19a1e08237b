import Foundation

extension SandboxWorld {
    /// Threads, links and histories, drawn from a stream of their own so that the items, their
    /// comments, worklogs and attachments are the same as before these were part of the world.
    mutating func addThreadsLinksAndHistory(seed: UInt64) {
        var random = SeededRandom(seed: seed &* 977 &+ 13)
        let ids = issues.keys.sorted()
        var changeID = 1
        for id in ids {
            guard var item = issues[id] else { continue }
            // About a quarter of later comments reply to an earlier one.
            for index in item.comments.indices.dropFirst() where random.chance(0.25) {
                item.comments[index].replyTo = item.comments[random.below(index)].id
            }
            // A few status changes ending at the current status; some items with a long history
            // (past the 100 changes a search result embeds).
            let changes = id % 150 == 17 ? 120 : random.below(4)
            var status = item.status
            var history: [WorkChange] = []
            for step in 0..<changes {
                let previous = (status + 1 + random.below(3)) % WorldVocabulary.statusWeights.count
                let at = item.updated - Int64(changes - step) * 60_000
                history.append(
                    WorkChange(
                        id: changeID, field: "status", from: String(previous), to: String(status),
                        at: max(item.created, at), author: random.below(users.count)))
                changeID += 1
                status = previous
            }
            if let assignee = item.assignee, random.chance(0.3) {
                history.append(
                    WorkChange(
                        id: changeID, field: "assignee", from: nil, to: String(assignee), at: item.created + 60_000,
                        author: item.reporter))
                changeID += 1
            }
            item.history = history.sorted { ($0.at, $0.id) < ($1.at, $1.id) }
            issues[id] = item
        }
        // About one item in seven links to an earlier one.
        var linkID = 1
        for (offset, id) in ids.enumerated() where offset > 0 && random.chance(0.15) {
            let other = ids[random.below(offset)]
            guard issues[id]?.parent != other, issues[other]?.parent != id else { continue }
            links.append(WorkLink(id: linkID, kind: random.pick(WorkLink.Kind.allCases), from: id, to: other))
            linkID += 1
        }
        nextChangeID = changeID
        nextLinkID = linkID
    }

}
