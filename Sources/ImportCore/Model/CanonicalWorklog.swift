/// Time logged against a task.
public struct CanonicalWorklog: Sendable, Hashable {
    /// Where the worklog comes from.
    public var ref: ExternalRef
    /// Who logged it.
    public var author: UserReference?
    /// ISO-8601 UTC.
    public var startedAt: String?
    /// Time spent, in seconds.
    public var seconds: Int
    /// What was done.
    public var comment: String?

    /// A worklog.
    public init(ref: ExternalRef, author: UserReference?, startedAt: String?, seconds: Int, comment: String?) {
        self.ref = ref
        self.author = author
        self.startedAt = startedAt
        self.seconds = seconds
        self.comment = comment
    }
}
