/// The outcome of one import job: what `tributary run` prints and stores in the job's `report_json`.
public struct ImportReport: Sendable {
    /// The job that ran (`nil` for dry runs and runs that never opened one).
    public var jobID: Int64?
    /// How the run ended.
    public var status: JobStatus
    /// `full`, `incremental` or `dry-run`.
    public var mode: String
    /// The source provider's id.
    public var provider: String
    /// The destination project's name.
    public var destinationProject: String
    /// What was written.
    public var counts: ImportCounts
    /// The first thousand failed records.
    public var failures: [ImportFailure]
    /// Assignees (email, or name when hidden) that match no user profile, with how many records named them.
    public var unmatchedAssignees: [String: Int]
    /// Milestone titles no milestone matched, with how often.
    public var unmatchedMilestones: [String: Int]
    /// What was skipped or assumed, in words.
    public var warnings: [String]
    /// Pages written.
    public var pages: Int
    /// HTTP requests made.
    public var requests: Int
    /// Requests retried after a fault.
    public var retries: Int
    /// How fast the source let the run go and what held it back (`up to 12 requests at once; limited
    /// by latency`); `nil` when the connection makes no requests of its own.
    public var pacing: String?
    /// How long the run took.
    public var durationSeconds: Double
    /// The interrupted job this run resumed.
    public var resumedFrom: Int64?
    /// Whether nothing was written (a dry run).
    public var dryRun: Bool
    /// Dry runs: the changes an import would make, per record.
    public var plannedChanges: [PlannedChange]
    /// Why the run failed, redacted.
    public var error: String?
    /// What happened to attachment content, when the run downloads it.
    public var attachmentContent: AttachmentContentReport?

    /// One record's planned change in a dry run.
    public struct PlannedChange: Sendable, Hashable {
        /// The record's label.
        public let record: String
        /// `create`, `update`, `unchanged` or `fail`.
        public let change: String
        /// The fields that would change, with their old and new values.
        public let fields: [RecordOutcome.FieldChange]
    }

    /// An empty report of a run about to start.
    public init(provider: String, destinationProject: String, mode: String, dryRun: Bool) {
        self.jobID = nil
        self.status = .running
        self.mode = mode
        self.provider = provider
        self.destinationProject = destinationProject
        self.counts = ImportCounts()
        self.failures = []
        self.unmatchedAssignees = [:]
        self.unmatchedMilestones = [:]
        self.warnings = []
        self.pages = 0
        self.requests = 0
        self.retries = 0
        self.durationSeconds = 0
        self.resumedFrom = nil
        self.dryRun = dryRun
        self.plannedChanges = []
        self.error = nil
    }

    /// The report as JSON (job records, `--json`, batch reports).
    public var json: JSONValue {
        var object: [String: JSONValue] = [
            "status": .string(status.rawValue), "mode": .string(mode), "provider": .string(provider),
            "destinationProject": .string(destinationProject),
            "counts": [
                "created": .number(Double(counts.created)), "updated": .number(Double(counts.updated)),
                "unchanged": .number(Double(counts.unchanged)), "deleted": .number(Double(counts.deleted)),
                "failed": .number(Double(counts.failed)),
            ],
            "failures": .array(
                failures.prefix(200).map {
                    [
                        "record": JSONValue($0.recordKey), "externalId": JSONValue($0.externalID),
                        "reason": .string($0.reason),
                    ]
                }),
            "unmatchedAssignees": .object(unmatchedAssignees.mapValues { .number(Double($0)) }),
            "unmatchedMilestones": .object(unmatchedMilestones.mapValues { .number(Double($0)) }),
            "warnings": .array(warnings.map(JSONValue.string)), "pages": .number(Double(pages)),
            "requests": .number(Double(requests)), "retries": .number(Double(retries)),
            "pacing": pacing.map(JSONValue.string) ?? .null,
            "durationSeconds": .number((durationSeconds * 1000).rounded() / 1000), "dryRun": .bool(dryRun),
        ]
        if let jobID { object["jobId"] = .number(Double(jobID)) }
        if let resumedFrom { object["resumedFrom"] = .number(Double(resumedFrom)) }
        if let error { object["error"] = .string(error) }
        if let attachmentContent { object["attachmentContent"] = attachmentContent.json }
        if dryRun {
            object["plannedChanges"] = .array(
                plannedChanges.map { change in
                    [
                        "record": .string(change.record), "change": .string(change.change),
                        "fields": .array(
                            change.fields.map {
                                ["field": .string($0.field), "old": JSONValue($0.old), "new": JSONValue($0.new)]
                            }),
                    ]
                })
        }
        return .object(object)
    }
}
