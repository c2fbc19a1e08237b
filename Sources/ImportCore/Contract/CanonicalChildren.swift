/// A comment on a task; the body is plain text (rich formats are flattened by the mapping).
public struct CanonicalComment: Sendable, Hashable {
    public var ref: ExternalRef
    public var author: UserReference?
    public var body: String
    /// ISO-8601 UTC.
    public var createdAt: String?

    public init(ref: ExternalRef, author: UserReference?, body: String, createdAt: String?) {
        self.ref = ref
        self.author = author
        self.body = body
        self.createdAt = createdAt
    }
}

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

/// An attachment's metadata (the file itself stays at the source, reachable by `contentURL`).
public struct CanonicalAttachment: Sendable, Hashable {
    public var ref: ExternalRef
    public var filename: String
    public var mimeType: String?
    public var sizeBytes: Int?
    public var contentURL: String?
    public var author: UserReference?
    public var createdAt: String?

    public init(
        ref: ExternalRef, filename: String, mimeType: String?, sizeBytes: Int?, contentURL: String?,
        author: UserReference? = nil, createdAt: String? = nil
    ) {
        self.ref = ref
        self.filename = filename
        self.mimeType = mimeType
        self.sizeBytes = sizeBytes
        self.contentURL = contentURL
        self.author = author
        self.createdAt = createdAt
    }
}

/// One checklist line of a task (Jira subtasks become these, at most 30 by default).
public struct CanonicalChecklistItem: Sendable, Hashable {
    public var ref: ExternalRef
    public var position: Int
    public var title: String
    public var done: Bool

    public init(ref: ExternalRef, position: Int, title: String, done: Bool) {
        self.ref = ref
        self.position = position
        self.title = title
        self.done = done
    }
}
