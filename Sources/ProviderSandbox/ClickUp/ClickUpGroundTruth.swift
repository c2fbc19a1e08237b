/// What the ClickUp sandbox holds for one task, for tests that compare an import with the source:
/// how many children of each kind it has and the values a mapping should carry over.
public struct ClickUpGroundTruth: Sendable, Equatable {
    /// Its custom task id (the Jira key of the same world item, `DEMO-7`): for display only.
    public let customID: String
    /// Its name.
    public let title: String
    /// Comments, threaded replies included.
    public let comments: Int
    /// Threaded replies (read apart, through `GET /comment/{id}/reply`).
    public let replies: Int
    /// Time entries (intervals).
    public let timeEntries: Int
    /// Attachments.
    public let attachments: Int
    /// Subtasks (one level).
    public let subtasks: Int
    /// Checklist items of its own checklists.
    public let checklistItems: Int
    /// Tags.
    public let labels: [String]
    /// The assignee's email, if any.
    public let assigneeEmail: String?
    /// The id of the task it is a subtask of, if any.
    public let parentID: String?
    /// The name of the milestone it belongs to, if any.
    public let milestone: String?
    /// Its Type field's option name.
    public let type: String
}
