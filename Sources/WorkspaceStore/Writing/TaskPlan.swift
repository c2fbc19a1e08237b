import ImportCore

/// What writing one canonical task will do, decided before anything is written: `TaskPlanner` makes
/// it (reading only), `TaskPlanWriter` applies it, and a dry run just never applies it.
struct TaskPlan {
    /// The task as it is stored now, when it is.
    struct Stored {
        let id: Int64
        let contentHash: String?
        let childrenHash: String?
        let deleted: Bool
        /// Set when the task was found in one of the run's `moveFrom` projects: it moves first.
        let movesFromProject: Int64?
    }

    /// How the task's milestone resolves.
    enum Milestone {
        case none
        case existing(Int64)
        /// A milestone the source record stands for, stored under another title: renamed on apply.
        case renamed(Int64, title: String)
        /// No milestone matches and the run creates one on apply.
        case create(MilestoneReference)
        /// No milestone matches and the run does not create one.
        case unmatched(String)
    }

    let task: CanonicalTask
    let stored: Stored?
    let milestone: Milestone
    let assigneeIDs: [Int64]
    let unmatchedAssignees: [String]
    /// The mapped column values (`TaskStatements.mappedColumns`), the milestone as resolved so far
    /// (a milestone still to create counts as none until it exists).
    let values: [SQLValue]
    let contentHash: String
    let children: [(RecordKind, [ChildRow])]
    let childrenHash: String

    /// Whether the task's own row changes: its content, or whether it is deleted (a row the source
    /// archives is marked; one that comes back, or that reconciliation had marked, is restored).
    var taskChanged: Bool {
        stored.map { $0.contentHash != contentHash || $0.deleted != (task.deletedAt != nil) } ?? true
    }
    var childrenChanged: Bool { stored.map { $0.childrenHash != childrenHash } ?? true }

    /// Created, updated or unchanged.
    var change: RecordOutcome.Change {
        guard stored != nil else { return .created }
        return taskChanged || childrenChanged ? .updated : .unchanged
    }

    /// The milestone title that matched nothing and is not created.
    var unmatchedMilestone: String? {
        if case .unmatched(let title) = milestone { return title }
        return nil
    }
}
