import Foundation
import ImportCore

extension SandboxWorld {
    /// Bumps the `updated` of the issues `ids` and nothing else: they move in the search order.
    mutating func touch(_ ids: [Int]) {
        for id in ids where issues[id] != nil {
            let now = tick()
            issues[id]?.updated = now
        }
        version += 1
    }

    /// Changes `count` issues (summary, status, a new comment) and bumps their `updated`. With
    /// `leavesOnly`, only issues that no other issue embeds (no epic, subtask, parent or child), so
    /// that exactly `count` issues change.
    mutating func update(count: Int, leavesOnly: Bool) -> [Int] {
        let linked = Set(issues.values.compactMap(\.parent))
        let candidates = issues.values.filter { issue in
            !leavesOnly || (issue.type != "Epic" && issue.parent == nil && !linked.contains(issue.id))
        }.map(\.id).sorted()
        guard !candidates.isEmpty else { return [] }
        let chosen = pick(count, of: candidates)
        for id in chosen {
            let now = tick()
            guard var issue = issues[id] else { continue }
            issue.summary = issue.summary.hasPrefix("[edited] ") ? issue.summary : "[edited] " + issue.summary
            let previous = issue.status
            issue.status = (issue.status + 1) % WorldVocabulary.statuses.count
            issue.history.append(
                WorkChange(
                    id: nextChangeID, field: "status", from: String(previous), to: String(issue.status), at: now,
                    author: 1))
            nextChangeID += 1
            issue.comments.append(
                .init(id: takeChildID(), author: 1, created: now, updated: now, text: "Edited by the sandbox at \(now)")
            )
            issue.updated = now
            issues[id] = issue
        }
        version += 1
        return chosen
    }

    /// Deletes `count` issues (never epics; a deleted parent takes its subtasks along, as in Jira).
    mutating func delete(count: Int) -> [Int] {
        let candidates = issues.values.filter { $0.type != "Epic" && $0.type != "Sub-task" }.map(\.id).sorted()
        let chosen = pick(count, of: candidates)
        var removed: [Int] = []
        for id in chosen {
            issues[id] = nil
            removed.append(id)
            for child in issues.values where child.parent == id && child.type == "Sub-task" {
                issues[child.id] = nil
                removed.append(child.id)
            }
            let orphans = issues.values.filter { $0.parent == id }.map(\.id)
            for childID in orphans { issues[childID]?.parent = nil }
        }
        let gone = Set(removed)
        links.removeAll { gone.contains($0.from) || gone.contains($0.to) }
        version += 1
        return removed
    }

    /// Adds `count` new issues (spread over the projects), updated now.
    mutating func add(count: Int) -> [Int] {
        var pending: [Int: (parent: Int, remaining: Int)] = [:]
        var added: [Int] = []
        for offset in 0..<count {
            let now = tick()
            var issue = makeIssue(project: offset % projectCount, created: now, updated: now, pending: &pending)
            if issue.type == "Sub-task" { issue.type = "Task" }
            issue.parent = nil
            issues[issue.id] = issue
            added.append(issue.id)
        }
        version += 1
        return added
    }

    /// Replaces one issue's summary with raw text (hostile input for tests), bumping `updated`.
    /// Adds `count` top-level comments to item `id` by person `author`, a second apart (a long
    /// discussion, for paging tests); `updated` bumped.
    mutating func addComments(id: Int, count: Int, author: Int = 1) {
        guard issues[id] != nil else { return }
        for number in 0..<max(0, count) {
            let now = tick()
            let child = takeChildID()
            issues[id]?.comments.append(
                .init(id: child, author: author, created: now, updated: now, text: "Discussion point \(number + 1)"))
            issues[id]?.updated = now
        }
        version += 1
    }

    mutating func setSummary(id: Int, _ summary: String) {
        guard issues[id] != nil else { return }
        let now = tick()
        issues[id]?.summary = summary
        issues[id]?.updated = now
        version += 1
    }

    /// Moves `count` items (not epics, not subtasks, not parents) to the next container: each gets a
    /// new key there, keeps its id, records its old key, and is updated now.
    mutating func move(count: Int) -> [Int] {
        guard projectCount > 1 else { return [] }
        let parents = Set(issues.values.compactMap(\.parent))
        let candidates = issues.values.filter { issue in
            issue.type != "Epic" && issue.type != "Sub-task" && !parents.contains(issue.id)
        }.map(\.id).sorted()
        let chosen = pick(count, of: candidates)
        for id in chosen {
            guard var issue = issues[id] else { continue }
            let now = tick()
            let target = (issue.project + 1) % projectCount
            projectCounters[target] += 1
            let key = "\(projects.key(target))-\(projectCounters[target])"
            issue.history.append(
                WorkChange(id: nextChangeID, field: "Key", from: issue.key, to: key, at: now, author: 0))
            nextChangeID += 1
            issue.previousKeys.append(issue.key)
            issue.key = key
            issue.project = target
            issue.parent = nil
            issue.updated = now
            issues[id] = issue
        }
        version += 1
        return chosen
    }

    /// `count` distinct ids drawn from `candidates` (all of them when there are fewer), in draw order.
    mutating func pick(_ count: Int, of candidates: [Int]) -> [Int] {
        var chosen: [Int] = []
        var seen = Set<Int>()
        while chosen.count < min(count, candidates.count) {
            let id = candidates[mutationRandom.below(candidates.count)]
            if seen.insert(id).inserted { chosen.append(id) }
        }
        return chosen
    }

    /// Archives `count` items not archived yet (never epics or subtasks), or moves them to the trash
    /// (`trash`: deleted but restorable); either bumps their `updated`. Returns their ids.
    mutating func archive(count: Int, trash: Bool = false) -> [Int] {
        let candidates = issues.values.filter { !$0.isArchived && $0.type != "Epic" && $0.type != "Sub-task" }
            .map(\.id).sorted()
        let chosen = pick(count, of: candidates)
        for id in chosen {
            let now = tick()
            issues[id]?.archivedAt = now
            issues[id]?.trashed = trash
            issues[id]?.updated = now
        }
        version += 1
        return chosen
    }

    /// Brings archived or trashed items back (`updated` bumped); returns the ids that were archived.
    mutating func restore(_ ids: [Int]) -> [Int] {
        var restored: [Int] = []
        for id in ids where issues[id]?.isArchived == true {
            let now = tick()
            issues[id]?.archivedAt = nil
            issues[id]?.trashed = false
            issues[id]?.updated = now
            restored.append(id)
        }
        version += 1
        return restored
    }
}
