/// A link between two work items, stored once per pair: `from` is the outward side ("blocks",
/// "duplicates", "clones", "relates to"), `to` the inward one ("is blocked by"…).
struct WorkLink: Sendable, Hashable {
    /// The kinds of link, as Jira names their sides.
    enum Kind: String, Sendable, CaseIterable {
        case blocks = "Blocks"
        case relates = "Relates"
        case duplicates = "Duplicate"
        case clones = "Cloners"

        var outward: String {
            switch self {
            case .blocks: "blocks"
            case .relates: "relates to"
            case .duplicates: "duplicates"
            case .clones: "clones"
            }
        }

        var inward: String {
            switch self {
            case .blocks: "is blocked by"
            case .relates: "relates to"
            case .duplicates: "is duplicated by"
            case .clones: "is cloned by"
            }
        }
    }

    var id: Int
    var kind: Kind
    var from: Int
    var to: Int
}
