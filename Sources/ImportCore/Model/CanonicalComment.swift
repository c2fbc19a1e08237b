/// A comment on a task; the body is plain text (rich formats are flattened by the mapping).
public struct CanonicalComment: Sendable, Hashable {
    /// Where the comment comes from.
    public var ref: ExternalRef
    /// Who wrote it.
    public var author: UserReference?
    /// Its text.
    public var body: String
    /// ISO-8601 UTC.
    public var createdAt: String?

    /// A comment.
    public init(ref: ExternalRef, author: UserReference?, body: String, createdAt: String?) {
        self.ref = ref
        self.author = author
        self.body = body
        self.createdAt = createdAt
    }
}
