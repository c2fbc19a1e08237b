/// What pruning change journals dropped: the jobs that lost their journal, and the attachment files
/// that went with them.
public struct PrunedJournals: Sendable, Equatable {
    /// How many jobs' journals were dropped (those jobs can no longer be reverted).
    public let jobs: Int
    /// The stored attachment files removed because neither a row nor a kept journal refers to them.
    public let files: RemovedFiles
}
