/// Time logged against a task.
public struct CanonicalWorklog: Sendable, Hashable {
    public var ref: ExternalRef
    public var author: UserReference?
    /// ISO-8601 UTC.
    public var startedAt: String?
    public var seconds: Int
    public var comment: String?

    public init(ref: ExternalRef, author: UserReference?, startedAt: String?, seconds: Int, comment: String?) {
        self.ref = ref
        self.author = author
        self.startedAt = startedAt
        self.seconds = seconds
        self.comment = comment
    }
}
