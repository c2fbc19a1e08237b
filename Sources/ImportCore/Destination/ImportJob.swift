/// One import run as recorded in `import_jobs`.
public struct ImportJob: Sendable, Hashable {
    public let id: Int64
    public let ownerID: Int64
    public let connectionID: Int64?
    public let provider: String
    public let destinationProjectID: Int64?
    public let configJSON: String
    public let fingerprint: String
    public let mode: String
    public let status: JobStatus
    public let startedAt: String
    public let finishedAt: String?
    public let counts: ImportCounts
    public let cursor: String?
    public let error: String?
    public let resumedFromJobID: Int64?
    public let highWaterMark: String?
    public let pages: Int
    public let requests: Int
    public let retries: Int
    public let report: JSONValue
    /// The effective query (order, bounds, cap) the job asked the provider for.
    public let query: JSONValue

    /// A value as its store or its producer has it.
    public init(
        id: Int64, ownerID: Int64, connectionID: Int64?, provider: String, destinationProjectID: Int64?,
        configJSON: String, fingerprint: String, mode: String, status: JobStatus, startedAt: String,
        finishedAt: String?, counts: ImportCounts, cursor: String?, error: String?, resumedFromJobID: Int64?,
        highWaterMark: String?, pages: Int, requests: Int, retries: Int, report: JSONValue, query: JSONValue
    ) {
        self.id = id
        self.ownerID = ownerID
        self.connectionID = connectionID
        self.provider = provider
        self.destinationProjectID = destinationProjectID
        self.configJSON = configJSON
        self.fingerprint = fingerprint
        self.mode = mode
        self.status = status
        self.startedAt = startedAt
        self.finishedAt = finishedAt
        self.counts = counts
        self.cursor = cursor
        self.error = error
        self.resumedFromJobID = resumedFromJobID
        self.highWaterMark = highWaterMark
        self.pages = pages
        self.requests = requests
        self.retries = retries
        self.report = report
        self.query = query
    }
}
