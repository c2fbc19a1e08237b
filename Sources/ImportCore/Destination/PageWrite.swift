/// One page, ready to land in one transaction: its records (or why each could not be mapped) and
/// the job's checkpoint. Either all of it lands or none of it: that is the destination's guarantee.
public struct PageWrite: Sendable {
    /// One record of the page.
    public enum Record: Sendable {
        /// A mapped record to write.
        case task(CanonicalTask)
        /// A record that could not be mapped; kept as a failure of the job.
        case failed(ImportFailure)
    }

    /// The job the page belongs to.
    public let jobID: Int64
    /// Where it is written.
    public let target: WriteTarget
    /// Its records, in the source's order.
    public let records: [Record]
    /// The job's state after this page, its counts excepted (the destination adds the page's own).
    public let checkpoint: Checkpoint

    /// A page to write.
    public init(jobID: Int64, target: WriteTarget, records: [Record], checkpoint: Checkpoint) {
        self.jobID = jobID
        self.target = target
        self.records = records
        self.checkpoint = checkpoint
    }
}
