/// One change of one field in a record's history (a Jira changelog item): what it was, what it
/// became, when and by whom. Its id is deterministic (record, change, field), so re-imports update it.
public struct CanonicalHistoryItem: Sendable, Hashable {
    /// Where the change comes from; `ref.id` is the deterministic id.
    public var ref: ExternalRef
    /// The field that changed, as the source names it (`status`).
    public var field: String
    /// The value before, as shown (`To Do`).
    public var fromText: String?
    /// The value after, as shown (`In Progress`).
    public var toText: String?
    /// The value before as the source identifies it (a status id, an account id).
    public var fromID: String?
    /// The value after as the source identifies it.
    public var toID: String?
    /// Who made the change.
    public var author: UserReference?
    /// When (ISO-8601, UTC).
    public var changedAt: String?

    /// A history item.
    public init(
        ref: ExternalRef, field: String, fromText: String?, toText: String?, fromID: String? = nil,
        toID: String? = nil, author: UserReference? = nil, changedAt: String? = nil
    ) {
        self.ref = ref
        self.field = field
        self.fromText = fromText
        self.toText = toText
        self.fromID = fromID
        self.toID = toID
        self.author = author
        self.changedAt = changedAt
    }
}
