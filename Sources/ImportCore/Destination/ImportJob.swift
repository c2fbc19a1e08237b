/// One import run as recorded in `import_jobs`.
public struct ImportJob: Sendable, Hashable {
    /// The job's number, per store.
    public let id: Int64
    /// The owner the job ran for.
    public let ownerID: Int64
    /// The connection it read through (`nil` once that connection was removed).
    public let connectionID: Int64?
    /// The source provider's id (`jira`).
    public let provider: String
    /// The destination project it wrote into, once known.
    public let destinationProjectID: Int64?
    /// The run config as it was, secrets excluded.
    public let configJSON: String
    /// The config's fingerprint: runs of one config resume and continue each other.
    public let fingerprint: String
    /// `full`, `incremental` or `dry-run`.
    public let mode: String
    /// Where the job stands.
    public let status: JobStatus
    /// When it started (ISO-8601, UTC).
    public let startedAt: String
    /// When it ended; `nil` while running or after a crash.
    public let finishedAt: String?
    /// What it wrote so far.
    public let counts: ImportCounts
    /// The checkpoint: where a resumed run continues.
    public let cursor: String?
    /// Why it failed, redacted.
    public let error: String?
    /// The interrupted job this one resumed.
    public let resumedFromJobID: Int64?
    /// The latest source update time it saw: where the next incremental run starts.
    public let highWaterMark: String?
    /// Pages written.
    public let pages: Int
    /// HTTP requests made.
    public let requests: Int
    /// Requests retried after a fault.
    public let retries: Int
    /// The run's report as JSON (failures, warnings, unmatched people).
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
