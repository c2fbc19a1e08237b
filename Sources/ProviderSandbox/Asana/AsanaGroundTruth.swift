/// What the Asana sandbox holds for one task, for tests that compare an import with the source:
/// how many children of each kind it has and the values a mapping should carry over.
public struct AsanaGroundTruth: Sendable, Equatable {
    /// The Jira key of the same world item (`DEMO-7`): Asana tasks have no key of their own.
    public let key: String
    /// Its name.
    public let title: String
    /// Comments (stories of subtype `comment_added`).
    public let comments: Int
    /// Attachments.
    public let attachments: Int
    /// Subtasks (one level).
    public let subtasks: Int
    /// Tags.
    public let labels: [String]
    /// The assignee's email, if any.
    public let assigneeEmail: String?
    /// The gid of the task it is a subtask of, if any.
    public let parentGID: String?
}
