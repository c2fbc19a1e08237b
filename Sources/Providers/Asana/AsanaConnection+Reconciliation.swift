import Foundation
import ImportCore

extension AsanaConnection {
    /// Every task gid in the projects `containers`, subtasks of every level included (Asana lists
    /// only a project's own tasks; a deleted task is simply absent). The listing must be whole: any
    /// malformed page or repeated offset is an error.
    public func recordIDs(in containers: [String]) async throws -> Set<String> {
        var ids = Set<String>()
        var parents: [String] = []
        func take(_ record: JSONValue, context: String) throws {
            guard let gid = record["gid"]?.stringValue, Self.isGID(gid) else {
                throw AsanaErrors.malformed(context: context, detail: "a task without a numeric gid")
            }
            if ids.insert(gid).inserted, (record["num_subtasks"]?.intValue ?? 0) > 0 { parents.append(gid) }
        }
        for project in containers {
            let context = "listing the task gids of project \(project)"
            try await forEachRecord(
                "projects/\(project)/tasks", query: [("opt_fields", "num_subtasks")], context: context
            ) { try take($0, context: context) }
        }
        var depth = 0
        while !parents.isEmpty {
            depth += 1
            guard depth <= Self.maxSubtaskDepth else {
                throw AsanaErrors.malformed(
                    context: "listing subtask gids",
                    detail: "subtasks nested deeper than \(Self.maxSubtaskDepth) levels")
            }
            let level = parents
            parents = []
            let found = try await level.concurrentMap(limit: Self.childConcurrency) { gid in
                var subtasks: [JSONValue] = []
                try await self.forEachRecord(
                    "tasks/\(gid)/subtasks", query: [("opt_fields", "num_subtasks")],
                    context: "listing the subtask gids of task \(gid)"
                ) { subtasks.append($0) }
                return subtasks
            }.flatMap { $0 }
            for record in found { try take(record, context: "listing subtask gids") }
        }
        return ids
    }
}
