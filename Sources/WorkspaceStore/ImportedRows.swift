/// How many rows of each kind an import scope holds in a destination project: live tasks and their
/// comments, worklogs and attachments.
public struct ImportedRows: Sendable, Hashable {
    /// Tasks not marked deleted.
    public var tasks = 0
    /// Their comments.
    public var comments = 0
    /// Their worklogs.
    public var worklogs = 0
    /// Their attachments.
    public var attachments = 0

    /// Counts, zero unless given.
    public init(tasks: Int = 0, comments: Int = 0, worklogs: Int = 0, attachments: Int = 0) {
        self.tasks = tasks
        self.comments = comments
        self.worklogs = worklogs
        self.attachments = attachments
    }
}
