/// One audit entry.
public struct AuditEntry: Sendable, Hashable {
    public let id: Int64
    public let at: String
    public let action: String
    public let subject: String?
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
