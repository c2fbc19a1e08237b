import ImportCore

extension Workspace {
    /// Batch runs and their per-run entries.
    public var batches: BatchRunRepository { BatchRunRepository(db: db) }
}
