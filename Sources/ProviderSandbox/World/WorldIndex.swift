/// Lookups over one version of the world, rebuilt when the world changes: subtasks by parent, items
/// by key (old keys of moved items too, as Jira resolves them), links by item.
struct WorldIndex: Sendable {
    /// The world version it was built from (`-1`: never built).
    var version = -1
    var subtasks: [Int: [Int]] = [:]
    var byKey: [String: Int] = [:]
    var links: [Int: [WorkLink]] = [:]

    init() {}

    init(_ world: SandboxWorld) {
        version = world.version
        for item in world.issues.values {
            byKey[item.key] = item.id
            if item.type == "Sub-task", let parent = item.parent { subtasks[parent, default: []].append(item.id) }
        }
        for item in world.issues.values {
            for key in item.previousKeys where byKey[key] == nil { byKey[key] = item.id }
        }
        for key in subtasks.keys { subtasks[key]?.sort() }
        for link in world.links {
            links[link.from, default: []].append(link)
            links[link.to, default: []].append(link)
        }
    }
}
