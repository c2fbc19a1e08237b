/// What the Linear sandbox holds for one issue, for tests that compare an import with the source:
/// how many children of each kind it has and the values a mapping should carry over.
public struct LinearGroundTruth: Sendable, Equatable {
    /// The issue's identifier (`DEMO-7`).
    public let identifier: String
    /// Its title.
    public let title: String
    /// Comments, replies included.
    public let comments: Int
    /// Comments that answer another comment.
    public let replies: Int
    /// Attachments.
    public let attachments: Int
    /// Sub-issues.
    public let subIssues: Int
    /// Labels outside the "Type" group.
    public let labels: [String]
    /// The email of the assignee, if any.
    public let assigneeEmail: String?
    /// Archived or trashed.
    public let archived: Bool
}
