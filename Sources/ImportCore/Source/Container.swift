/// A place records live in at the source: a Jira project, an Asana project, a ClickUp list, a Linear team.
public struct Container: Sendable, Hashable {
    /// The source's immutable id.
    public let id: String
    /// The human key used in configs (Jira project key `ENG`); equal to `id` where the source has none.
    public let key: String
    /// Its name.
    public let name: String
    /// Source-specific extras worth showing (project type, category).
    public let details: [String: String]

    /// A container.
    public init(id: String, key: String, name: String, details: [String: String] = [:]) {
        self.id = id
        self.key = key
        self.name = name
        self.details = details
    }
}
