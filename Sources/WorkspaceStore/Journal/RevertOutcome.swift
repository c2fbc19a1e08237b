import ImportCore

/// What a revert did.
public struct RevertOutcome: Sendable {
    /// The revert's own job (itself journaled: reverting it puts the reverted changes back).
    public let revertJobID: Int64
    /// The job it reverted.
    public let revertedJobID: Int64
    /// Rows the job had created, removed.
    public let removed: Int
    /// Rows it had updated, put back as they were.
    public let restored: Int
    /// Rows it had deleted, put back.
    public let reinserted: Int
    /// Later jobs' changes undone too (`--force`).
    public let laterChanges: [LaterChange]
}
