/// What the Asana façade looks up per task, built once per version of the world (not per request):
/// each task's subtasks, each milestone's dependencies, each attachment's task. Without it, one
/// listing page of a 10,000-task world took a second to render.
struct AsanaIndex: Sendable {
    /// The world version it was built from.
    let version: Int
    /// Live subtasks by parent item id, in the order they were made.
    let subtasks: [Int: [Int]]
    /// Live tasks by the milestone (world epic) they are dependencies of, by id.
    let milestoneTasks: [Int: [Int]]
    /// The live item holding each attachment, by attachment id.
    let attachmentOwner: [Int: Int]

    init(_ world: SandboxWorld) {
        version = world.version
        var subtasks: [Int: [WorkItem]] = [:]
        var milestoneTasks: [Int: [Int]] = [:]
        var attachmentOwner: [Int: Int] = [:]
        for item in world.issues.values where !item.isArchived {
            if let parent = AsanaDocuments.asanaParent(item) { subtasks[parent, default: []].append(item) }
            if let epic = AsanaDocuments.milestone(of: item, in: world) {
                milestoneTasks[epic.id, default: []].append(item.id)
            }
            for attachment in item.attachments { attachmentOwner[attachment.id] = item.id }
        }
        self.subtasks = subtasks.mapValues { $0.sorted { ($0.created, $0.id) < ($1.created, $1.id) }.map(\.id) }
        self.milestoneTasks = milestoneTasks.mapValues { $0.sorted() }
        self.attachmentOwner = attachmentOwner
    }
}
