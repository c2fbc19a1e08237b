/// Where attachments' content lands when a run asks for it (`attachments: "content"`): a
/// content-addressed store beside the destination. The engine downloads into a staging file the store
/// gives it, then commits it; a committed attachment is never fetched again (a killed run resumes
/// without refetching what finished).
public protocol AttachmentContentStore: Sendable {
    /// Attachments of `target` whose content is not stored yet, with row ids above `after`, in id order.
    func pendingContent(target: WriteTarget, after: Int64, limit: Int) throws -> [PendingContent]

    /// A fresh file to download into (removed by `commit`, or when the store next opens).
    func stagingPath() throws -> String

    /// Moves a finished download into the store under its SHA-256 and records size, digest and local
    /// path on the attachment's row, as a change of job `jobID` (a revert of the job forgets it again).
    func commit(staged: String, for attachment: PendingContent, jobID: Int64?) throws -> StoredContent

    /// Removes a staging file that will not be committed.
    func discard(staged: String)
}

/// An attachment whose content is still to fetch.
public struct PendingContent: Sendable, Hashable {
    /// The destination's id of the attachment row.
    public let rowID: Int64
    /// The source's id of the attachment.
    public let externalID: String
    /// Where the record said the content is.
    public let contentURL: String?
    /// Its file name.
    public let filename: String
    /// The size the source declared, if any.
    public let declaredSize: Int?
    /// The key of the task it belongs to, for the report.
    public let taskKey: String?

    /// A pending attachment.
    public init(
        rowID: Int64, externalID: String, contentURL: String?, filename: String, declaredSize: Int?, taskKey: String?
    ) {
        self.rowID = rowID
        self.externalID = externalID
        self.contentURL = contentURL
        self.filename = filename
        self.declaredSize = declaredSize
        self.taskKey = taskKey
    }
}

/// A stored file: its digest, size and where it is.
public struct StoredContent: Sendable, Hashable {
    /// Lower-case hex SHA-256 of the content.
    public let sha256: String
    /// Its size in bytes.
    public let size: Int
    /// Its local path.
    public let path: String

    /// A stored file.
    public init(sha256: String, size: Int, path: String) {
        self.sha256 = sha256
        self.size = size
        self.path = path
    }
}
