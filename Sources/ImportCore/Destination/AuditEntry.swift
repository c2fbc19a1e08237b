/// One audit entry.
public struct AuditEntry: Sendable, Hashable {
    /// The entry's number in the audit log, ascending in time.
    public let id: Int64
    /// When it happened (ISO-8601, UTC).
    public let at: String
    /// What happened (`JIRA_CONNECT`, `IMPORT_START`, …).
    public let action: String
    /// What it happened to: a connection name, a job, a config.
    public let subject: String?
    /// The particulars (never a secret).
    public let detail: JSONValue

    /// A value as its store or its producer has it.
    public init(id: Int64, at: String, action: String, subject: String?, detail: JSONValue) {
        self.id = id
        self.at = at
        self.action = action
        self.subject = subject
        self.detail = detail
    }
}
