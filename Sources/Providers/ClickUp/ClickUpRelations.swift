import ImportCore

/// A task's dependencies and linked tasks as seen from the task, the shape the mapping table's
/// links read (`relations[*]`): ClickUp lists each dependency on both its tasks (`task_id` waits on
/// `depends_on`) and each linked task on both, so each relation gets an id both sides agree on, the
/// other task, and the side this task is on.
enum ClickUpRelations {
    /// The relations of task `id` from its `dependencies` and `linked_tasks`.
    static func of(task id: String, _ record: JSONValue) -> [JSONValue] {
        var relations: [JSONValue] = []
        var seen = Set<String>()
        for dependency in record["dependencies"]?.arrayValue ?? [] {
            guard let waiting = dependency["task_id"]?.scalarText, let blocker = dependency["depends_on"]?.scalarText,
                waiting != blocker, waiting == id || blocker == id
            else { continue }
            let key = "dependency:\(blocker)>\(waiting)"
            guard seen.insert(key).inserted else { continue }
            relations.append([
                "id": .string(key), "type": "Blocks", "outward": "blocks", "inward": "is blocked by",
                "other": .string(blocker == id ? waiting : blocker),
                "direction": .string(blocker == id ? "outward" : "inward"),
            ])
        }
        for link in record["linked_tasks"]?.arrayValue ?? [] {
            guard let first = link["task_id"]?.scalarText, let second = link["link_id"]?.scalarText, first != second,
                first == id || second == id
            else { continue }
            let other = first == id ? second : first
            let key = "link:\(min(id, other))~\(max(id, other))"
            guard seen.insert(key).inserted else { continue }
            relations.append([
                "id": .string(key), "type": "Relates", "outward": "relates to", "inward": "relates to",
                "other": .string(other), "direction": .string(id < other ? "outward" : "inward"),
            ])
        }
        return relations
    }
}
