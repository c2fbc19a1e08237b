/// The outcome of one import job: what `tributary run` prints and stores in the job's `report_json`.
public struct ImportReport: Sendable {
    public var jobID: Int64?
    public var status: JobStatus
    public var mode: String
    public var provider: String
    public var destinationProject: String
    public var counts: ImportCounts
    public var failures: [ImportFailure]
    /// Assignees (email, or name when hidden) that match no user profile, with how many records named them.
    public var unmatchedAssignees: [String: Int]
    public var unmatchedMilestones: [String: Int]
    public var warnings: [String]
    public var pages: Int
    public var requests: Int
    public var retries: Int
    public var durationSeconds: Double
    public var resumedFrom: Int64?
    public var dryRun: Bool
    /// Dry runs: the changes an import would make, per record.
    public var plannedChanges: [PlannedChange]
    public var error: String?

    /// One record's planned change in a dry run.
    public struct PlannedChange: Sendable, Hashable {
        public let record: String
        public let change: String
        public let fields: [RecordOutcome.FieldChange]
    }

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
            "durationSeconds": .number((durationSeconds * 1000).rounded() / 1000), "dryRun": .bool(dryRun),
        ]
        if let jobID { object["jobId"] = .number(Double(jobID)) }
        if let resumedFrom { object["resumedFrom"] = .number(Double(resumedFrom)) }
        if let error { object["error"] = .string(error) }
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
