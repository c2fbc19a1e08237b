import Foundation

/// One work item of the sandbox world, in compact form; each provider's façade renders it in its
/// own API's shapes (a Jira issue, a Linear issue…).
struct WorkItem: Sendable {
    /// A comment, worklog or attachment.
    struct Child: Sendable {
        var id: Int
        var author: Int
        var created: Int64
        var updated: Int64
        var text: String
        var seconds: Int = 0
        var size: Int = 0
        var mimeType: String = "text/plain"
        /// For a comment: the comment it replies to (threads).
        var replyTo: Int?
    }

    var id: Int
    var key: String
    var project: Int
    var type: String
    var status: Int
    var priority: Int?
    var assignee: Int?
    var reporter: Int
    var summary: String
    /// Description variant; `nil` for an empty description.
    var variant: Int?
    var labels: [String]
    var dueDate: String?
    var storyPoints: Double?
    var parent: Int?
    var created: Int64
    var updated: Int64
    var comments: [Child]
    var worklogs: [Child]
    var attachments: [Child]
    var components: [String]
    var fixVersions: [String]
    var resolution: Int?
    /// What changed and when: status, assignee, priority, key (oldest first).
    var history: [WorkChange] = []
    /// Keys the item had before it moved to another container (oldest first).
    var previousKeys: [String] = []
    /// When the item was archived (hidden from default listings); `nil` while it is not.
    var archivedAt: Int64?
    /// Whether it is in the trash (deleted, restorable for a while): trashed items are archived too.
    var trashed = false

    /// Whether listings that do not ask for archived items leave it out.
    var isArchived: Bool { archivedAt != nil }
}
