import ImportCore

extension Workspace {
    public var batches: BatchRunRepository { BatchRunRepository(db: db) }
}
