/// The source account that a set of credentials belongs to, as `verify` reports it.
public struct Account: Sendable, Hashable {
    /// The source's immutable account id (Jira `accountId`, Asana `gid`).
    public let id: String
    public let displayName: String
    /// `nil` when the source hides it (Jira's profile visibility settings).
    public let email: String?
    /// IANA time zone of the account when the source has one (Jira's `timeZone`): Jira reads JQL dates in it.
    public let timeZone: String?
    /// Provider-specific facts learnt while verifying (deployment, API route, cloud id), stored with the connection.
    public let settings: [String: String]

    public init(
        id: String, displayName: String, email: String?, timeZone: String? = nil, settings: [String: String] = [:]
    ) {
        self.id = id
        self.displayName = displayName
        self.email = email
        self.timeZone = timeZone
        self.settings = settings
    }
}

/// A place records live in at the source: a Jira project, an Asana project, a ClickUp list, a Linear team.
public struct Container: Sendable, Hashable {
    /// The source's immutable id.
    public let id: String
    /// The human key used in configs (Jira project key `ENG`); equal to `id` where the source has none.
    public let key: String
    public let name: String
    /// Source-specific extras worth showing (project type, category).
    public let details: [String: String]

    public init(id: String, key: String, name: String, details: [String: String] = [:]) {
        self.id = id
        self.key = key
        self.name = name
        self.details = details
    }
}

/// A field the source knows, so that mapping tables can name custom fields by display name.
public struct SourceField: Sendable, Hashable {
    public let id: String
    public let name: String
    public let isCustom: Bool
    /// The source's type description (Jira `schema.type`, with `schema.items` for arrays: `array<string>`).
    public let type: String?

    public init(id: String, name: String, isCustom: Bool, type: String?) {
        self.id = id
        self.name = name
        self.isCustom = isCustom
        self.type = type
    }
}

/// One row of a source's reference data (users, statuses, priorities, issue types…): full-table data
/// that is small and changes rarely, kept beside the imported records.
public struct ReferenceRecord: Sendable, Hashable {
    /// `users`, `statuses`, `status_categories`, `priorities`, `issue_types`, `resolutions`,
    /// `project_categories`, `project_types`.
    public let kind: String
    public let id: String
    public let name: String?
    public let data: JSONValue

    public init(kind: String, id: String, name: String?, data: JSONValue) {
        self.kind = kind
        self.id = id
        self.name = name
        self.data = data
    }
}
