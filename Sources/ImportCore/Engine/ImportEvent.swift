/// What the engine reports while a job runs, for progress bars and JSON lines.
public enum ImportEvent: Sendable {
    /// The job started (or resumed); `estimatedTotal` when the source can tell.
    case started(jobID: Int64?, mode: String, estimatedTotal: Int?, resumedFrom: Int64?)
    /// A page was written.
    case page(Progress)
    /// Delete reconciliation marked records as deleted.
    case reconciled(deleted: Int)
    /// A record could not be mapped or written (the job goes on).
    case recordFailed(ImportFailure)
    case finished(ImportReport)

    /// Counters after a page.
    public struct Progress: Sendable {
        /// Pages written so far.
        public let pages: Int
        /// Records read so far.
        public let records: Int
        /// What was written so far.
        public let counts: ImportCounts
        /// The source's estimate of all records, when it gives one.
        public let estimatedTotal: Int?
        /// Records per second since the start of this run.
        public let rate: Double
        /// Seconds left, when the total is known.
        public let eta: Double?
    }
}
