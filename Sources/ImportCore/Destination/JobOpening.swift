/// What a destination records when a job starts: the job row, the superseding of the job it resumes,
/// and the `<PROVIDER>_IMPORT_STARTED` audit entry, together.
public struct JobOpening: Sendable {
    /// Whose job it is.
    public let owner: Owner
    /// The stored connection it uses (`nil` for an inline one).
    public let connectionID: Int64?
    /// The connection's name or URL, for the audit entry.
    public let connectionLabel: String
    /// The provider id.
    public let provider: String
    /// The destination project.
    public let projectID: Int64
    /// Its name, for the audit entry.
    public let projectName: String
    /// The source containers, for the audit entry.
    public let containers: [String]
    /// The config as written (no secrets: inline connections name an environment variable).
    public let configJSON: String
    /// Identifies "the same config and mode", to resume an interrupted job.
    public let fingerprint: String
    /// `full`, `capped` or `incremental`.
    public let mode: RunMode
    /// The job this one resumes, if any: it is marked superseded, and its counts and cursor carry on.
    public let resumedFrom: ImportJob?
    /// A job of the same config that never closed although all its pages landed (its process died
    /// at the very end): marked superseded, nothing carried on, since this job reads everything again.
    public let replaces: ImportJob?
    /// The effective query (order, cap, bound), kept so that a resumed job asks for the same records.
    public let query: JSONValue
    /// Whether the run created the destination project for this job (a revert then removes it).
    public var createdProject = false

    /// A job to open.
    public init(
        owner: Owner, connectionID: Int64?, connectionLabel: String, provider: String, projectID: Int64,
        projectName: String, containers: [String], configJSON: String, fingerprint: String, mode: RunMode,
        resumedFrom: ImportJob?, replaces: ImportJob? = nil, query: JSONValue
    ) {
        self.owner = owner
        self.connectionID = connectionID
        self.connectionLabel = connectionLabel
        self.provider = provider
        self.projectID = projectID
        self.projectName = projectName
        self.containers = containers
        self.configJSON = configJSON
        self.fingerprint = fingerprint
        self.mode = mode
        self.resumedFrom = resumedFrom
        self.replaces = replaces
        self.query = query
    }
}
