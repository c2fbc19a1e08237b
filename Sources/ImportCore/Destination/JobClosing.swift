/// What a destination records when a job ends: its status, counts and report; for a job that
/// completed also the high-water mark of its scope, the `<PROVIDER>_IMPORT_COMPLETED` audit entry, the
/// destination project's activity event and the connection's verification; for a failed one the
/// `<PROVIDER>_IMPORT_FAILED` entry and, when the credentials were refused, the connection's error;
/// for an interrupted one the `<PROVIDER>_IMPORT_INTERRUPTED` entry.
public struct JobClosing: Sendable {
    /// How the job ended.
    public enum Outcome: Sendable {
        /// All pages landed (`partial` when some records failed); `scope` (`nil`: a run that keeps
        /// no high-water mark, such as a webhook batch) is where the next incremental run starts.
        case completed(status: JobStatus, scope: String?, highWaterMark: String?)
        /// The run failed with this (redacted) message; `credentialsRefused` marks the connection.
        case failed(message: String, credentialsRefused: Bool)
        /// The run was stopped on request after its last whole page (`reason` says by what).
        case interrupted(reason: String)
    }

    /// Whose job it is.
    public let owner: Owner
    /// The job.
    public let jobID: Int64
    /// The provider id (audit action names carry it).
    public let provider: String
    /// The destination project (for the activity event).
    public let projectID: Int64
    /// The source containers (for the activity event).
    public let containers: [String]
    /// The stored connection's name, when the run used one.
    public let connectionName: String?
    /// How it ended.
    public let outcome: Outcome
    /// Its final counts.
    public let counts: ImportCounts
    /// Requests and retries, earlier jobs of a resumed run included.
    public let metrics: RequestMetrics
    /// The report, as `jobs show` and `--json` give it.
    public let report: JSONValue

    /// A job's end.
    public init(
        owner: Owner, jobID: Int64, provider: String, projectID: Int64, containers: [String], connectionName: String?,
        outcome: Outcome, counts: ImportCounts, metrics: RequestMetrics, report: JSONValue
    ) {
        self.owner = owner
        self.jobID = jobID
        self.provider = provider
        self.projectID = projectID
        self.containers = containers
        self.connectionName = connectionName
        self.outcome = outcome
        self.counts = counts
        self.metrics = metrics
        self.report = report
    }
}
