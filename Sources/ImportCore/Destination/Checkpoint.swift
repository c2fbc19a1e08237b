/// Where a job stands after a page: what resumes it and what it has done so far.
public struct Checkpoint: Sendable, Hashable {
    /// The cursor after the page (`nil` after the last one).
    public let cursor: String?
    /// The job's counts before the page; the destination adds what the page did.
    public let countsBefore: ImportCounts
    /// The newest `updated` seen so far (ISO-8601), for incremental runs.
    public let highWaterMark: String?
    /// Pages written, this one included.
    public let pages: Int
    /// Requests and retries so far, earlier jobs of a resumed run included.
    public let metrics: RequestMetrics

    /// A checkpoint.
    public init(
        cursor: String?, countsBefore: ImportCounts, highWaterMark: String?, pages: Int, metrics: RequestMetrics
    ) {
        self.cursor = cursor
        self.countsBefore = countsBefore
        self.highWaterMark = highWaterMark
        self.pages = pages
        self.metrics = metrics
    }
}
