/// An attachment's metadata (the file itself stays at the source, reachable by `contentURL`).
public struct CanonicalAttachment: Sendable, Hashable {
    /// Where the attachment comes from.
    public var ref: ExternalRef
    /// The file's name.
    public var filename: String
    /// Its media type, when the source says.
    public var mimeType: String?
    /// Its size, when the source says.
    public var sizeBytes: Int?
    /// Where its content can be read.
    public var contentURL: String?
    /// Who attached it.
    public var author: UserReference?
    /// When it was attached (ISO-8601, UTC).
    public var createdAt: String?

    /// An attachment.
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
