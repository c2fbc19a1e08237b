/// What writing one page did: each record's outcome (or failure) and the page's counts.
public struct PageResult: Sendable {
    /// Per record, in the page's order: what was written, or why the record failed.
    public let records: [Result<RecordOutcome, ImportFailure>]
    /// The page's own counts (created, updated, unchanged, failed).
    public let counts: ImportCounts

    /// A page's result.
    public init(records: [Result<RecordOutcome, ImportFailure>], counts: ImportCounts) {
        self.records = records
        self.counts = counts
    }
}
