import Foundation
import ImportCore

/// The sandbox's one world of work items, generated deterministically from a seed: containers,
/// people (some with hidden emails), items with comments (threaded), worklogs, attachments, links and
/// a change history, and the mutations tests need (edits, deletes, additions, moves). Every
/// provider's façade renders this world; none has a world of its own.
struct SandboxWorld: Sendable {
    var issues: [Int: WorkItem] = [:]
    /// Links between items (blocks, relates, duplicates, clones).
    var links: [WorkLink] = []
    var version = 0
    let projects: WorldContainers
    var projectCount: Int { projects.count }
    let users: [WorldVocabulary.User]
    var nextIssueID = 10_001
    var nextChildID = 100_001
    var projectCounters: [Int]
    private var latestEpic: [Int: Int] = [:]
    private var random: SeededRandom
    var mutationRandom: SeededRandom
    var clock: Int64 = 0
    var nextChangeID = 1
    var nextLinkID = 1

    /// Base of generated timestamps: 2024-01-01T00:00:00Z.
    static let epoch: Int64 = 1_704_067_200_000

    init(config: WorldConfig) {
        projects = WorldContainers(count: config.containers, keys: config.containerKeys)
        users = WorldVocabulary.users(tokenEmail: config.tokenEmail, timeZone: config.tokenTimeZone)
        projectCounters = Array(repeating: 0, count: projects.count)
        random = SeededRandom(seed: config.seed)
        mutationRandom = SeededRandom(seed: config.seed &* 31 &+ 7)
        var pendingSubtasks: [Int: (parent: Int, remaining: Int)] = [:]
        var previousUpdated: Int64 = 0
        for index in 0..<max(0, config.items) {
            let project = index % projectCount
            let created = Self.epoch + Int64(index) * 7 * 60_000 + Int64(random.below(5 * 60_000))
            var updated = created + Int64(random.below(30 * 24 * 3_600_000))
            // A few issues share their update instant exactly, to exercise tie-breaking by id.
            if index % 97 == 5, previousUpdated > 0 { updated = previousUpdated }
            previousUpdated = updated
            let issue = makeIssue(project: project, created: created, updated: updated, pending: &pendingSubtasks)
            issues[issue.id] = issue
            clock = max(clock, updated)
        }
        addThreadsLinksAndHistory(seed: config.seed)
    }

    var projectKeys: [String] { projects.keys }

    mutating func makeIssue(
        project: Int, created: Int64, updated: Int64, pending: inout [Int: (parent: Int, remaining: Int)]
    ) -> WorkItem {
        let id = nextIssueID
        nextIssueID += 1
        projectCounters[project] += 1
        let number = projectCounters[project]
        let key = "\(projects.key(project))-\(number)"
        var type: String
        var parent: Int?
        if let waiting = pending[project], waiting.remaining > 0 {
            type = "Sub-task"
            parent = waiting.parent
            pending[project] = waiting.remaining == 1 ? nil : (waiting.parent, waiting.remaining - 1)
        } else if number % 40 == 1 {
            type = "Epic"
        } else {
            let roll = random.below(100)
            type =
                roll < 35
                ? "Story"
                : roll < 60 ? "Task" : roll < 80 ? "Bug" : roll < 85 ? "Spike" : roll < 95 ? "Improvement" : "Incident"
            if let epic = latestEpic[project], random.chance(0.6) { parent = epic }
            // Some issues get subtasks; the fifth issue of the first project gets 35 (beyond the checklist cap).
            if project == 0 && number == 5 {
                pending[project] = (id, 35)
            } else if random.chance(0.12) {
                pending[project] = (id, 1 + random.below(4))
            }
        }
        if type == "Epic" { latestEpic[project] = id }
        let status = weightedStatus()
        let summary = makeSummary(id: id)
        var labels: [String] = []
        for _ in 0..<random.below(3) {
            let label = random.pick(WorldVocabulary.labels)
            if !labels.contains(label) { labels.append(label) }
        }
        // About 1 % of issues have more comments, 0.5 % more worklogs, than a search result embeds.
        let commentCount = id % 100 == 7 ? 25 : random.below(5)
        let worklogCount = id % 200 == 11 ? 23 : random.below(3)
        let attachmentCount = random.below(3)
        var comments: [WorkItem.Child] = []
        for offset in 0..<commentCount {
            let at = min(updated, created + Int64(offset + 1) * 3_600_000)
            comments.append(
                .init(
                    id: takeChildID(), author: random.below(users.count), created: at, updated: at,
                    text: Self.commentTexts[(id + offset) % Self.commentTexts.count]))
        }
        var worklogs: [WorkItem.Child] = []
        for offset in 0..<worklogCount {
            let at = created + Int64(offset + 1) * 5_400_000
            worklogs.append(
                .init(
                    id: takeChildID(), author: random.below(users.count), created: at, updated: at,
                    text: offset % 2 == 0 ? "Investigated" : "", seconds: (1 + random.below(16)) * 900))
        }
        var attachments: [WorkItem.Child] = []
        for offset in 0..<attachmentCount {
            let names = [("screenshot.png", "image/png"), ("debug.log", "text/plain"), ("spec.pdf", "application/pdf")]
            let (name, mime) = names[(id + offset) % names.count]
            attachments.append(
                .init(
                    id: takeChildID(), author: random.below(users.count), created: created, updated: created,
                    text: name,
                    size: 1000 + random.below(900_000), mimeType: mime))
        }
        let statusRecord = WorldVocabulary.statuses[status]
        let storyPointChoices: [Double] = [1, 2, 3, 5, 8, 13]
        return WorkItem(
            id: id, key: key, project: project, type: type, status: status,
            priority: random.chance(0.9) ? random.below(WorldVocabulary.priorities.count) : nil,
            assignee: random.chance(0.8) ? random.below(users.count) : nil, reporter: random.below(users.count),
            summary: summary, variant: random.chance(0.9) ? random.below(12) : nil, labels: labels,
            dueDate: random.chance(0.4) ? Self.day(created + Int64(random.below(60)) * 86_400_000) : nil,
            storyPoints: ["Story", "Task", "Bug"].contains(type) && random.chance(0.6)
                ? random.pick(storyPointChoices) : nil,
            parent: parent, created: created, updated: updated, comments: comments, worklogs: worklogs,
            attachments: attachments, components: random.chance(0.5) ? [random.pick(WorldVocabulary.components)] : [],
            fixVersions: random.chance(0.3) ? [random.pick(WorldVocabulary.versions)] : [],
            resolution: statusRecord.category == "done" ? random.below(WorldVocabulary.resolutions.count) : nil)
    }

    static let commentTexts = [
        "Looks good to me.", "Can we get logs for this?", "Deployed to staging 🚀", "Blocked on the API team.",
        "Reproduced on iOS 17.2", "Merci, c’est corrigé.", "Duplicate of the billing issue?",
    ]

    mutating func takeChildID() -> Int {
        defer { nextChildID += 1 }
        return nextChildID
    }

    private mutating func weightedStatus() -> Int {
        let total = WorldVocabulary.statusWeights.reduce(0, +)
        var roll = random.below(total)
        for (index, weight) in WorldVocabulary.statusWeights.enumerated() {
            if roll < weight { return index }
            roll -= weight
        }
        return 0
    }

    private mutating func makeSummary(id: Int) -> String {
        if id % 53 == 0 {
            return "Long title: " + String(repeating: "the quick brown fox jumps over the lazy dog ", count: 6)
                + "👩🏽‍💻 end"
        }
        if id % 11 == 0 { return WorldVocabulary.unicodeSummaries[id % WorldVocabulary.unicodeSummaries.count] }
        return
            "\(random.pick(WorldVocabulary.verbs)) \(random.pick(WorldVocabulary.objects)) \(random.pick(WorldVocabulary.areas))"
    }

    static func day(_ milliseconds: Int64) -> String {
        String(Timestamp(millisecondsSince1970: milliseconds).iso8601.prefix(10))
    }

    /// A fresh update instant later than every existing one.
    mutating func tick() -> Int64 {
        let now = Int64(Date().timeIntervalSince1970 * 1000)
        clock = max(clock + 1000, now)
        return clock
    }

    func subtasks(of id: Int) -> [WorkItem] {
        issues.values.filter { $0.parent == id && $0.type == "Sub-task" }.sorted { $0.id < $1.id }
    }
}
