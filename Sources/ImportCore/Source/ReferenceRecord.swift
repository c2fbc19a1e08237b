/// One row of a source's reference data (users, statuses, priorities, issue types…): full-table data
/// that is small and changes rarely, kept beside the imported records.
public struct ReferenceRecord: Sendable, Hashable {
    /// `users`, `statuses`, `status_categories`, `priorities`, `issue_types`, `resolutions`,
    /// `project_categories`, `project_types`.
    public let kind: String
    /// Its id at the source.
    public let id: String
    /// Its name, when it has one.
    public let name: String?
    /// The record as the source sent it, redacted.
    public let data: JSONValue

    /// A reference record.
    public init(kind: String, id: String, name: String?, data: JSONValue) {
        self.kind = kind
        self.id = id
        self.name = name
        self.data = data
    }
}
