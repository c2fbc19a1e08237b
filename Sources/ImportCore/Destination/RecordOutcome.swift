/// What writing one canonical record did (or, in a dry run, would do) to the workspace.
public struct RecordOutcome: Sendable, Hashable {
    /// What writing a record did to its row.
    public enum Change: String, Sendable, Hashable {
        case created, updated, unchanged

        /// How a plan names it: `create`, `update`, `unchanged`.
        public var planned: String {
            switch self {
            case .created: "create"
            case .updated: "update"
            case .unchanged: "unchanged"
            }
        }
    }

    /// One column that changes, for the dry run's per-field diff.
    public struct FieldChange: Sendable, Hashable {
        /// The column.
        public let field: String
        /// Its value now (`nil`: empty).
        public let old: String?
        /// Its value after the import.
        public let new: String?

        /// A change of one column.
        public init(field: String, old: String?, new: String?) {
            self.field = field
            self.old = old
            self.new = new
        }
    }

    /// What writing the record did to its row.
    public let change: Change
    /// Local id of the task (nil in a dry run of a new record).
    public let taskID: Int64?
    /// Columns that differ, filled in dry runs.
    public let fieldChanges: [FieldChange]
    /// Assignees named by the source that match no `user_profiles` row (email, or name when hidden).
    public let unmatchedAssignees: [String]
    /// The milestone title that matched nothing (and was not created).
    public let unmatchedMilestone: String?
    /// Rows written for this record (task and children), to prove no-op re-imports write nothing.
    public let rowsWritten: Int

    /// A value as its store or its producer has it.
    public init(
        change: Change, taskID: Int64?, fieldChanges: [FieldChange], unmatchedAssignees: [String],
        unmatchedMilestone: String?, rowsWritten: Int
    ) {
        self.change = change
        self.taskID = taskID
        self.fieldChanges = fieldChanges
        self.unmatchedAssignees = unmatchedAssignees
        self.unmatchedMilestone = unmatchedMilestone
        self.rowsWritten = rowsWritten
    }
}
