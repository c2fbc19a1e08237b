/// What a job did to the workspace, by kind of change.
public struct ImportCounts: Sendable, Hashable {
    /// Rows created.
    public var created = 0
    /// Rows changed in place.
    public var updated = 0
    /// Records whose content hash had not changed: nothing written.
    public var unchanged = 0
    /// Rows marked deleted because the source no longer lists them.
    public var deleted = 0
    /// Records not written, each with a reason.
    public var failed = 0

    /// Counts, zero unless given.
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

    /// Both counts added (pages into a run, runs into a batch).
    public static func + (lhs: ImportCounts, rhs: ImportCounts) -> ImportCounts {
        ImportCounts(
            created: lhs.created + rhs.created, updated: lhs.updated + rhs.updated,
            unchanged: lhs.unchanged + rhs.unchanged, deleted: lhs.deleted + rhs.deleted,
            failed: lhs.failed + rhs.failed)
    }
}
