import Foundation
import ImportCore

extension AsanaConnection {
    /// Child reads (stories, attachments, subtasks) in flight at once per page.
    static let childConcurrency = 8
    /// How deep subtasks of subtasks are followed before the run stops (Asana allows five levels).
    static let maxSubtaskDepth = 10
    /// Most subtasks one page may bring, all levels together: a guard against a source that never stops.
    static let maxSubtasksPerPage = 50_000

    /// The page with what Asana's listing leaves out: each task's stories (comments among them, every
    /// page) and attachments (metadata, with the permanent URL; never the short-lived download URL),
    /// when the run imports them; and its subtasks, read with the task's own fields, embedded in
    /// their parent as `subtasks` (the checklist) and added to the page as tasks of their own, every
    /// level down.
    public func complete(_ page: RecordPage, for query: RecordQuery) async throws -> RecordPage {
        let fields = AsanaFieldList(paths: query.fields)
        var records = page.records
        var level = Array(records.indices)
        var depth = 0
        while !level.isEmpty {
            depth += 1
            guard depth <= Self.maxSubtaskDepth else {
                throw AsanaErrors.malformed(
                    context: "reading subtasks", detail: "subtasks nested deeper than \(Self.maxSubtaskDepth) levels")
            }
            let children = try await readChildren(of: level.map { records[$0] }, fields: fields, query: query)
            var next: [Int] = []
            for (position, index) in level.enumerated() {
                guard case .object(var record) = records[index] else { continue }
                let found = children[position]
                if let stories = found.stories { record["stories"] = .array(stories) }
                if let attachments = found.attachments { record["attachments"] = .array(attachments) }
                if let subtasks = found.subtasks {
                    record["subtasks"] = .array(subtasks)
                    // Without closed records, a completed subtask stays a checked item of its
                    // parent's checklist but is not imported as a task.
                    for subtask in subtasks where query.includeClosed || subtask["completed"]?.boolValue != true {
                        next.append(records.count)
                        records.append(subtask)
                    }
                }
                records[index] = .object(record)
            }
            guard records.count - page.records.count <= Self.maxSubtasksPerPage else {
                throw AsanaErrors.malformed(
                    context: "reading subtasks", detail: "more than \(Self.maxSubtasksPerPage) subtasks under one page")
            }
            level = next
        }
        return RecordPage(records: records, next: page.next, estimatedTotal: page.estimatedTotal)
    }

    /// What one task's own requests bring: `nil` where nothing was read.
    struct Children: Sendable {
        var stories: [JSONValue]?
        var attachments: [JSONValue]?
        var subtasks: [JSONValue]?
    }

    /// The children of `tasks`, in their order, a few tasks at a time.
    func readChildren(of tasks: [JSONValue], fields: AsanaFieldList, query: RecordQuery) async throws -> [Children] {
        try await tasks.concurrentMap(limit: Self.childConcurrency) { task in
            try await self.children(of: task, fields: fields, query: query)
        }
    }

    /// One task's stories, attachments and subtasks, each all pages, as the query wants them.
    func children(of task: JSONValue, fields: AsanaFieldList, query: RecordQuery) async throws -> Children {
        guard let gid = task["gid"]?.stringValue, Self.isGID(gid) else { return Children() }
        var children = Children()
        if query.children.contains(.comment) {
            var stories: [JSONValue] = []
            try await forEachRecord(
                "tasks/\(gid)/stories", query: [("opt_fields", fields.stories.joined(separator: ","))],
                context: "reading the stories of task \(gid)"
            ) { stories.append($0) }
            children.stories = stories
        }
        if query.children.contains(.attachment) {
            var attachments: [JSONValue] = []
            try await forEachRecord(
                "attachments", query: [("parent", gid), ("opt_fields", fields.attachments.joined(separator: ","))],
                context: "reading the attachments of task \(gid)"
            ) { attachments.append($0) }
            children.attachments = attachments
        }
        if (task["num_subtasks"]?.intValue ?? 0) > 0 {
            var subtasks: [JSONValue] = []
            try await forEachRecord(
                "tasks/\(gid)/subtasks", query: [("opt_fields", fields.task.joined(separator: ","))],
                context: "reading the subtasks of task \(gid)"
            ) { subtask in
                guard subtask["gid"]?.stringValue.map(Self.isGID) == true else {
                    throw AsanaErrors.malformed(context: "reading subtasks", detail: "a subtask without a numeric gid")
                }
                subtasks.append(subtask)
            }
            children.subtasks = subtasks
        } else {
            children.subtasks = []
        }
        return children
    }
}
