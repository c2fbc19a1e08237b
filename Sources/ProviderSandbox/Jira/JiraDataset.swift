import Foundation
import ImportCore

/// One issue of the sandbox, in compact form; rendered to Jira's JSON on request.
struct JiraIssueRecord: Sendable {
    struct Child: Sendable {
        var id: Int
        var author: Int
        var created: Int64
        var updated: Int64
        var text: String
        var seconds: Int = 0
        var size: Int = 0
        var mimeType: String = "text/plain"
    }

    var id: Int
    var key: String
    var project: Int
    var type: String
    var status: Int
    var priority: Int?
    var assignee: Int?
    var reporter: Int
    var summary: String
    /// Description variant; `nil` for an empty description.
    var variant: Int?
    var labels: [String]
    var dueDate: String?
    var storyPoints: Double?
    var parent: Int?
    var created: Int64
    var updated: Int64
    var comments: [Child]
    var worklogs: [Child]
    var attachments: [Child]
    var components: [String]
    var fixVersions: [String]
    var resolution: Int?
}

/// The sandbox's issues, generated deterministically from a seed, with the mutations tests need.
struct JiraDataset: Sendable {
    private(set) var issues: [Int: JiraIssueRecord] = [:]
    private(set) var version = 0
    let projects: JiraProjects
    var projectCount: Int { projects.count }
    let users: [JiraReferenceData.User]
    private var nextIssueID = 10_001
    private var nextChildID = 100_001
    private var projectCounters: [Int]
    private var latestEpic: [Int: Int] = [:]
    private var random: SeededRandom
    private var mutationRandom: SeededRandom
    private var clock: Int64 = 0

    /// Base of generated timestamps: 2024-01-01T00:00:00Z.
    static let epoch: Int64 = 1_704_067_200_000

    init(config: JiraSandboxConfig) {
        projects = JiraProjects(count: config.projects, keys: config.projectKeys)
        users = JiraReferenceData.users(tokenEmail: config.email, timeZone: config.userTimeZone)
        projectCounters = Array(repeating: 0, count: projects.count)
        random = SeededRandom(seed: config.seed)
        mutationRandom = SeededRandom(seed: config.seed &* 31 &+ 7)
        var pendingSubtasks: [Int: (parent: Int, remaining: Int)] = [:]
        var previousUpdated: Int64 = 0
        for index in 0..<max(0, config.issues) {
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
    }

    var projectKeys: [String] { projects.keys }

    private mutating func makeIssue(
        project: Int, created: Int64, updated: Int64, pending: inout [Int: (parent: Int, remaining: Int)]
    ) -> JiraIssueRecord {
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
            let label = random.pick(JiraReferenceData.labels)
            if !labels.contains(label) { labels.append(label) }
        }
        // About 1 % of issues have more comments, 0.5 % more worklogs, than a search result embeds.
        let commentCount = id % 100 == 7 ? 25 : random.below(5)
        let worklogCount = id % 200 == 11 ? 23 : random.below(3)
        let attachmentCount = random.below(3)
        var comments: [JiraIssueRecord.Child] = []
        for offset in 0..<commentCount {
            let at = min(updated, created + Int64(offset + 1) * 3_600_000)
            comments.append(
                .init(
                    id: takeChildID(), author: random.below(users.count), created: at, updated: at,
                    text: Self.commentTexts[(id + offset) % Self.commentTexts.count]))
        }
        var worklogs: [JiraIssueRecord.Child] = []
        for offset in 0..<worklogCount {
            let at = created + Int64(offset + 1) * 5_400_000
            worklogs.append(
                .init(
                    id: takeChildID(), author: random.below(users.count), created: at, updated: at,
                    text: offset % 2 == 0 ? "Investigated" : "", seconds: (1 + random.below(16)) * 900))
        }
        var attachments: [JiraIssueRecord.Child] = []
        for offset in 0..<attachmentCount {
            let names = [("screenshot.png", "image/png"), ("debug.log", "text/plain"), ("spec.pdf", "application/pdf")]
            let (name, mime) = names[(id + offset) % names.count]
            attachments.append(
                .init(
                    id: takeChildID(), author: random.below(users.count), created: created, updated: created,
                    text: name,
                    size: 1000 + random.below(900_000), mimeType: mime))
        }
        let statusRecord = JiraReferenceData.statuses[status]
        let storyPointChoices: [Double] = [1, 2, 3, 5, 8, 13]
        return JiraIssueRecord(
            id: id, key: key, project: project, type: type, status: status,
            priority: random.chance(0.9) ? random.below(JiraReferenceData.priorities.count) : nil,
            assignee: random.chance(0.8) ? random.below(users.count) : nil, reporter: random.below(users.count),
            summary: summary, variant: random.chance(0.9) ? random.below(12) : nil, labels: labels,
            dueDate: random.chance(0.4) ? Self.day(created + Int64(random.below(60)) * 86_400_000) : nil,
            storyPoints: ["Story", "Task", "Bug"].contains(type) && random.chance(0.6)
                ? random.pick(storyPointChoices) : nil,
            parent: parent, created: created, updated: updated, comments: comments, worklogs: worklogs,
            attachments: attachments, components: random.chance(0.5) ? [random.pick(JiraReferenceData.components)] : [],
            fixVersions: random.chance(0.3) ? [random.pick(JiraReferenceData.versions)] : [],
            resolution: statusRecord.categoryKey == "done" ? random.below(JiraReferenceData.resolutions.count) : nil)
    }

    static let commentTexts = [
        "Looks good to me.", "Can we get logs for this?", "Deployed to staging 🚀", "Blocked on the API team.",
        "Reproduced on iOS 17.2", "Merci, c’est corrigé.", "Duplicate of the billing issue?",
    ]

    private mutating func takeChildID() -> Int {
        defer { nextChildID += 1 }
        return nextChildID
    }

    private mutating func weightedStatus() -> Int {
        let total = JiraReferenceData.statusWeights.reduce(0, +)
        var roll = random.below(total)
        for (index, weight) in JiraReferenceData.statusWeights.enumerated() {
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
        if id % 11 == 0 { return JiraReferenceData.unicodeSummaries[id % JiraReferenceData.unicodeSummaries.count] }
        return
            "\(random.pick(JiraReferenceData.verbs)) \(random.pick(JiraReferenceData.objects)) \(random.pick(JiraReferenceData.areas))"
    }

    static func day(_ milliseconds: Int64) -> String {
        String(Timestamp(millisecondsSince1970: milliseconds).iso8601.prefix(10))
    }

    /// A fresh update instant later than every existing one.
    private mutating func tick() -> Int64 {
        let now = Int64(Date().timeIntervalSince1970 * 1000)
        clock = max(clock + 1000, now)
        return clock
    }

    // MARK: Mutations

    /// Changes `count` issues (summary, status, a new comment) and bumps their `updated`. With
    /// `leavesOnly`, only issues that no other issue embeds (no epic, subtask, parent or child), so
    /// that exactly `count` issues change.
    mutating func update(count: Int, leavesOnly: Bool) -> [Int] {
        let linked = Set(issues.values.compactMap(\.parent))
        let candidates = issues.values.filter { issue in
            !leavesOnly || (issue.type != "Epic" && issue.parent == nil && !linked.contains(issue.id))
        }.map(\.id).sorted()
        guard !candidates.isEmpty else { return [] }
        var chosen: [Int] = []
        var seen = Set<Int>()
        while chosen.count < min(count, candidates.count) {
            let id = candidates[mutationRandom.below(candidates.count)]
            if seen.insert(id).inserted { chosen.append(id) }
        }
        for id in chosen {
            let now = tick()
            guard var issue = issues[id] else { continue }
            issue.summary = issue.summary.hasPrefix("[edited] ") ? issue.summary : "[edited] " + issue.summary
            issue.status = (issue.status + 1) % JiraReferenceData.statuses.count
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
        var chosen: [Int] = []
        var seen = Set<Int>()
        while chosen.count < min(count, candidates.count) {
            let id = candidates[mutationRandom.below(candidates.count)]
            if seen.insert(id).inserted { chosen.append(id) }
        }
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
    mutating func setSummary(id: Int, _ summary: String) {
        guard issues[id] != nil else { return }
        let now = tick()
        issues[id]?.summary = summary
        issues[id]?.updated = now
        version += 1
    }

    func subtasks(of id: Int) -> [JiraIssueRecord] {
        issues.values.filter { $0.parent == id && $0.type == "Sub-task" }.sorted { $0.id < $1.id }
    }
}
