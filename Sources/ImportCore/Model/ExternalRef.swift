/// The provenance of an imported row (the `external_*` contract): where it came from and which version.
///
/// `id` is the source's immutable id (Jira's numeric issue id, never the key: keys change when issues
/// move). Rows are unique per owner on `(source, id)`; a re-import updates the row that matches.
public struct ExternalRef: Sendable, Hashable {
    /// The provider id (`jira`).
    public let source: String
    /// The source's immutable id.
    public let id: String
    /// The human key (`PROJ-123`), when the source has one.
    public let key: String?
    /// Where a person can open the record at the source.
    public let url: String?
    /// When the source last changed it, ISO-8601 UTC.
    public let updatedAt: String?

    /// A provenance reference.
    public init(source: String, id: String, key: String? = nil, url: String? = nil, updatedAt: String? = nil) {
        self.source = source
        self.id = id
        self.key = key
        self.url = url
        self.updatedAt = updatedAt
    }

    /// What identifies the record in messages: the key when there is one, else the id.
    public var label: String { key ?? id }
}
