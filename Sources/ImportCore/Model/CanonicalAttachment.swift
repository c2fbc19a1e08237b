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
