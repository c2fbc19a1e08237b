/// What the ClickUp façade looks up per task, built once per version of the world (not per
/// request): each task's subtasks, each attachment's and comment's task, and each comment's thread.
struct ClickUpIndex: Sendable {
    /// The world version it was built from.
    let version: Int
    /// Live subtasks by parent item id, in the order they were made.
    let subtasks: [Int: [Int]]
    /// The live item holding each attachment, by attachment id.
    let attachmentOwner: [Int: Int]
    /// The live item holding each comment, by comment id.
    let commentOwner: [Int: Int]
    /// The top-level comment each reply belongs to, by reply id: ClickUp threads are one level deep,
    /// so a reply to a reply joins its thread's root.
    let threadRoot: [Int: Int]

    init(_ world: SandboxWorld) {
        version = world.version
        var subtasks: [Int: [WorkItem]] = [:]
        var attachmentOwner: [Int: Int] = [:]
        var commentOwner: [Int: Int] = [:]
        var threadRoot: [Int: Int] = [:]
        for item in world.issues.values where !item.isArchived {
            if let parent = ClickUpDocuments.clickUpParent(item) { subtasks[parent, default: []].append(item) }
            for attachment in item.attachments { attachmentOwner[attachment.id] = item.id }
            let byID = Dictionary(item.comments.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
            for comment in item.comments {
                commentOwner[comment.id] = item.id
                var root = comment
                var steps = 0
                while let parent = root.replyTo.flatMap({ byID[$0] }), steps < item.comments.count {
                    root = parent
                    steps += 1
                }
                if root.id != comment.id { threadRoot[comment.id] = root.id }
            }
        }
        self.subtasks = subtasks.mapValues { $0.sorted { ($0.created, $0.id) < ($1.created, $1.id) }.map(\.id) }
        self.attachmentOwner = attachmentOwner
        self.commentOwner = commentOwner
        self.threadRoot = threadRoot
    }
}
