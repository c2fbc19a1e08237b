import ImportCore

/// What reverting a job would do, read before anything changes: `tributary revert` says it first.
public struct RevertPlan: Sendable {
    /// The job to revert.
    public let job: ImportJob
    /// Its journal, by table and action.
    public let summary: [JournalSummary]
    /// Later jobs' changes the revert would undo as well (a refusal unless forced).
    public let laterChanges: [LaterChange]
}
