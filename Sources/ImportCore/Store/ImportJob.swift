/// The lifecycle state of an import job.
public enum JobStatus: String, Sendable, Hashable {
    case running, completed, failed, partial
}

/// What a job did to the workspace, by kind of change.
public struct ImportCounts: Sendable, Hashable {
    public var created = 0
    public var updated = 0
    public var unchanged = 0
    public var deleted = 0
    public var failed = 0

    public init(created: Int = 0, updated: Int = 0, unchanged: Int = 0, deleted: Int = 0, failed: Int = 0) {
        self.created = created
        self.updated = updated
        self.unchanged = unchanged
        self.deleted = deleted
        self.failed = failed
    }

    /// Records seen (written, unchanged or failed); deletions are not records of this run.
    public var processed: Int { created + updated + unchanged + failed }

    /// Counts one written (or, in a dry run, planned) record.
    public mutating func count(_ change: RecordOutcome.Change) {
        switch change {
        case .created: created += 1
        case .updated: updated += 1
        case .unchanged: unchanged += 1
        }
    }

    public static func + (lhs: ImportCounts, rhs: ImportCounts) -> ImportCounts {
        ImportCounts(
            created: lhs.created + rhs.created, updated: lhs.updated + rhs.updated,
            unchanged: lhs.unchanged + rhs.unchanged, deleted: lhs.deleted + rhs.deleted,
            failed: lhs.failed + rhs.failed)
    }
}

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
}

/// A record the mapping could not handle, kept with its key and reason.
public struct ImportFailure: Sendable, Hashable {
    public let recordKey: String?
    public let externalID: String?
    public let reason: String

    public init(recordKey: String?, externalID: String?, reason: String) {
        self.recordKey = recordKey
        self.externalID = externalID
        self.reason = reason
    }
}
