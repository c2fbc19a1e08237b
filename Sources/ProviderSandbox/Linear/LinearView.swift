import Foundation
import ImportCore

/// The sandbox world as Linear shows it, for one version of the world: UUIDs for every entity,
/// teams with their workflow states, labels (the item's type as a label in the "Type" group),
/// projects for epics, cycles, and the lookups resolvers need. Built again when the world changes.
struct LinearView: Sendable {
    let version: Int
    let world: SandboxWorld
    let base: String
    let urlKey: String
    let seed: UInt64
    /// Items by their UUID, and the UUID of every item id.
    let itemsByUUID: [String: WorkItem]
    let uuidOfItem: [Int: String]
    /// Sub-issues of an item, by id.
    let children: [Int: [Int]]
    /// The index of the token's own user.
    let viewer = 0

    init(world: SandboxWorld, base: String, urlKey: String, seed: UInt64) {
        version = world.version
        self.world = world
        self.base = base
        self.urlKey = urlKey
        self.seed = seed
        var byUUID: [String: WorkItem] = [:]
        var uuids: [Int: String] = [:]
        var children: [Int: [Int]] = [:]
        for item in world.issues.values {
            let uuid = Self.uuid(seed, "issue", item.id)
            byUUID[uuid] = item
            uuids[item.id] = uuid
            if item.type == "Sub-task", let parent = item.parent { children[parent, default: []].append(item.id) }
        }
        for key in children.keys { children[key]?.sort() }
        itemsByUUID = byUUID
        uuidOfItem = uuids
        self.children = children
    }

    /// A UUID (version 4 layout) that is the same for the same kind and number in every run.
    static func uuid(_ seed: UInt64, _ kind: String, _ number: Int) -> String {
        var random = SeededRandom(seed: seed ^ UInt64(truncatingIfNeeded: number &* 2_654_435_761) ^ Self.hash(kind))
        let a = UInt32(truncatingIfNeeded: random.next())
        let b = UInt16(truncatingIfNeeded: random.next())
        let c = UInt16(truncatingIfNeeded: random.next()) & 0x0FFF | 0x4000
        let d = UInt16(truncatingIfNeeded: random.next()) & 0x3FFF | 0x8000
        let e = random.next() & 0xFFFF_FFFF_FFFF
        return String(format: "%08x-%04x-%04x-%04x-%012llx", a, b, c, d, e)
    }

    private static func hash(_ text: String) -> UInt64 {
        text.utf8.reduce(UInt64(1_469_598_103_934_665_603)) { ($0 ^ UInt64($1)) &* 1_099_511_628_211 }
    }

    func uuid(_ kind: String, _ number: Int) -> String { Self.uuid(seed, kind, number) }

    // MARK: Time and text

    /// Linear's `DateTime`: ISO 8601 in UTC with milliseconds.
    static func time(_ milliseconds: Int64) -> String {
        Timestamp(millisecondsSince1970: milliseconds).iso8601
    }

    /// The URL slug of a title (`welcome-to-linear`).
    static func slug(_ title: String) -> String {
        let words = title.lowercased().split { !$0.isLetter && !$0.isNumber }
        return words.prefix(8).joined(separator: "-")
    }

    // MARK: Teams and states

    var teamCount: Int { world.projects.count }

    func teamID(_ index: Int) -> String { uuid("team", index) }

    func teamIndex(id: String) -> Int? { (0..<teamCount).first { teamID($0) == id } }

    /// A workflow state of a team: the world's status, with Linear's type for its category.
    func stateID(team: Int, status: Int) -> String { uuid("state", team * 1000 + status) }

    static func stateType(_ status: Int) -> String {
        let state = WorldVocabulary.statuses[status]
        switch (state.category, state.name) {
        case ("undefined", _): return "triage"
        case (_, "Backlog"): return "backlog"
        case ("new", _): return "unstarted"
        case ("indeterminate", _): return "started"
        case (_, "Won't Do"): return "canceled"
        default: return "completed"
        }
    }

    // MARK: Labels

    /// Every label of the workspace: the "Type" group and its members, then the world's labels.
    var labelNames: [(name: String, group: String?)] {
        [("Type", nil)] + Self.typeNames.map { ($0, "Type") } + WorldVocabulary.labels.map { ($0, nil) }
    }

    static let typeNames = ["Epic", "Story", "Task", "Bug", "Sub-task", "Spike", "Improvement", "Incident"]

    func labelID(_ name: String) -> String { uuid("label", (labelNames.firstIndex { $0.name == name } ?? 0) + 1) }

    // MARK: Priorities

    /// Linear's priority (0 none, 1 urgent, 2 high, 3 medium, 4 low) of a world priority.
    static func priority(_ index: Int?) -> Int {
        guard let index else { return 0 }
        switch WorldVocabulary.priorities[index] {
        case "Highest", "Blocker", "Critical": return 1
        case "High": return 2
        case "Medium": return 3
        default: return 4
        }
    }

    static let priorityLabels = ["No priority", "Urgent", "High", "Medium", "Low"]

    // MARK: Issues

    func identifier(_ item: WorkItem) -> String { item.key }

    func issueURL(_ item: WorkItem) -> String {
        "\(base)/\(urlKey)/issue/\(item.key)/\(Self.slug(item.summary))"
    }

    /// The item's project: its epic's. The epic itself stays an issue outside the project (as Jira
    /// shows it: an epic has no epic), and sub-issues sit with their parent only.
    func projectEpic(of item: WorkItem) -> WorkItem? {
        if item.type == "Epic" || item.type == "Sub-task" { return nil }
        guard let parent = item.parent, let epic = world.issues[parent], epic.type == "Epic" else { return nil }
        return epic
    }

    /// The sub-issue parent (only subtasks have one; an epic parent is a project).
    func parent(of item: WorkItem) -> WorkItem? {
        guard item.type == "Sub-task", let parent = item.parent else { return nil }
        return world.issues[parent]
    }

    /// The two-week cycle an item was created in (cycles start on the world's epoch).
    static func cycle(of item: WorkItem) -> Int { item.sprintNumber }

    /// The item's description as Markdown (the same content the Jira façade renders as ADF).
    func description(_ item: WorkItem) -> String? {
        guard let variant = item.variant else { return nil }
        return LinearDocuments.markdown(variant: variant, summary: item.summary)
    }

    /// The email Linear shows for a person: every member has one, even those Jira hides.
    func email(_ user: WorldVocabulary.User) -> String {
        user.email ?? "\(user.name)@members.example.com"
    }
}
