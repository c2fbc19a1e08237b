import Foundation
import ImportCore

/// The world as Asana shows it: gids (numeric strings) for the workspace, people, projects and
/// tasks, and the records in Asana's shapes, compact unless `opt_fields` names more.
struct AsanaDocuments {
    let world: SandboxWorld
    let config: AsanaSandboxConfig
    /// The world's lookups (subtasks, milestones, attachments), of the same version.
    let index: AsanaIndex

    /// The one workspace's gid.
    static let workspaceGID = "1200000000000"

    static func userGID(_ index: Int) -> String { String(1_100_000_000_000 + index) }
    static func projectGID(_ index: Int) -> String { String(1_300_000_000_000 + index) }
    static func taskGID(_ id: Int) -> String { String(1_400_000_000_000 + id) }

    /// The world item a task gid names, if any.
    static func itemID(taskGID gid: String) -> Int? {
        guard let number = Int64(gid), number > 1_400_000_000_000 else { return nil }
        return Int(exactly: number - 1_400_000_000_000)
    }

    /// The project index a project gid names, if the world has it.
    func projectIndex(gid: String) -> Int? { (0..<world.projectCount).first { Self.projectGID($0) == gid } }

    var workspace: JSONValue {
        ["gid": .string(Self.workspaceGID), "name": .string(config.workspaceName), "resource_type": "workspace"]
    }

    /// `GET /users/me`: the token's person, with the workspaces it can see.
    var me: JSONValue {
        let index = world.users.firstIndex { $0.email == config.email } ?? 0
        let user = world.users[index]
        return [
            "gid": .string(Self.userGID(index)), "resource_type": "user", "name": .string(user.displayName),
            "email": .string(user.email ?? ""), "workspaces": [workspace],
        ]
    }

    /// The workspace's projects, compact.
    var projects: [JSONValue] {
        (0..<world.projectCount).map {
            ["gid": .string(Self.projectGID($0)), "name": .string(world.projects.name($0)), "resource_type": "project"]
        }
    }

    /// The tasks of project `index` in the project's order (oldest first), changed at or after
    /// `modifiedSince` (milliseconds) when given; archived (deleted) ones are gone, and subtasks are
    /// not listed: as in Asana, they belong to their parent, not to the project.
    /// With `completedSince` (milliseconds), only tasks that are incomplete or were completed at or
    /// after it (Asana's `completed_since`; `now` keeps the open ones).
    func tasks(project index: Int, modifiedSince: Int64?, completedSince: Int64? = nil) -> [WorkItem] {
        world.issues.values.filter { item in
            item.project == index && !item.isArchived && Self.asanaParent(item) == nil
                && modifiedSince.map { item.updated >= $0 } != false
                && completedSince.map { !Self.isCompleted(item) || item.updated >= $0 } != false
        }.sorted { ($0.created, $0.id) < ($1.created, $1.id) }
    }

    /// Whether Asana shows the item completed (its status is in the done category).
    static func isCompleted(_ item: WorkItem) -> Bool { WorldVocabulary.statuses[item.status].category == "done" }

    /// The subtasks of `item`, in the order they were made.
    func subtasks(of item: WorkItem) -> [WorkItem] { (index.subtasks[item.id] ?? []).compactMap { world.issues[$0] } }

    /// The task a world item is a subtask of in Asana: only Jira's sub-tasks are; an epic is a
    /// milestone its tasks are dependencies of.
    static func asanaParent(_ item: WorkItem) -> Int? { item.type == "Sub-task" ? item.parent : nil }

    /// The milestone (a world epic) that `item` is a dependency of, if any.
    func milestone(of item: WorkItem) -> WorkItem? { Self.milestone(of: item, in: world) }

    /// The milestone (a live world epic) that `item` is a dependency of in `world`, if any.
    static func milestone(of item: WorkItem, in world: SandboxWorld) -> WorkItem? {
        guard item.type != "Sub-task", item.type != "Epic", let parent = item.parent,
            let epic = world.issues[parent], epic.type == "Epic", !epic.isArchived
        else { return nil }
        return epic
    }

    /// A task as another task names it (`dependents`, `dependencies`).
    func compactTask(_ item: WorkItem, path: String, fields: AsanaFieldSelection) -> JSONValue {
        fields.object(
            path,
            [
                "gid": .string(Self.taskGID(item.id)), "resource_type": "task", "name": .string(item.summary),
                "resource_subtype": .string(item.type == "Epic" ? "milestone" : "default_task"),
            ])
    }

    static func time(_ milliseconds: Int64) -> JSONValue {
        .string(Timestamp(millisecondsSince1970: milliseconds).iso8601)
    }

    /// A task with the fields `fields` names (dotted paths select inside objects); compact when empty.
    func task(_ item: WorkItem, fields: AsanaFieldSelection) -> JSONValue {
        var record: [String: JSONValue] = [
            "gid": .string(Self.taskGID(item.id)), "resource_type": .string("task"),
        ]
        let subtype: JSONValue = .string(item.type == "Epic" ? "milestone" : "default_task")
        guard !fields.isEmpty else {
            record["name"] = .string(item.summary)
            record["resource_subtype"] = subtype
            return .object(record)
        }
        let done = Self.isCompleted(item)
        let project = Self.projectGID(item.project)
        let all: [String: () -> JSONValue] = [
            "name": { .string(item.summary) },
            "resource_subtype": { subtype },
            "notes": { .string(item.variant.map { AsanaRichText.plain(variant: $0, summary: item.summary) } ?? "") },
            "html_notes": {
                .string(item.variant.map { AsanaRichText.html(variant: $0, summary: item.summary) } ?? "<body></body>")
            },
            "completed": { .bool(done) },
            "completed_at": { done ? Self.time(item.updated) : .null },
            "created_at": { Self.time(item.created) },
            "modified_at": { Self.time(item.updated) },
            "due_on": { item.dueDate.map(JSONValue.string) ?? .null },
            "due_at": { JSONValue.null },
            "assignee": { person(item.assignee, "assignee", fields) },
            "permalink_url": { .string("https://app.asana.com/0/\(project)/\(Self.taskGID(item.id))") },
            "parent": {
                Self.asanaParent(item).flatMap { world.issues[$0] }.map {
                    compactTask($0, path: "parent", fields: fields)
                }
                    ?? .null
            },
            "dependents": {
                .array(milestone(of: item).map { [compactTask($0, path: "dependents", fields: fields)] } ?? [])
            },
            "dependencies": {
                .array(
                    item.type != "Epic"
                        ? []
                        : (index.milestoneTasks[item.id] ?? []).compactMap { world.issues[$0] }.map {
                            compactTask($0, path: "dependencies", fields: fields)
                        })
            },
            "tags": { .array(item.labels.map { tag(named: $0, fields: fields) }) },
            "memberships": {
                [
                    fields.object(
                        "memberships",
                        [
                            "project": ["gid": .string(project), "name": .string(world.projects.name(item.project))],
                            "section": [
                                "gid": .string(String(1_500_000_000_000 + item.project * 100 + item.status)),
                                "name": .string(WorldVocabulary.statuses[item.status].name),
                            ],
                        ])
                ]
            },
            "custom_fields": { .array(customFields(item).map { fields.object("custom_fields", $0) }) },
            "num_subtasks": { .number(Double(index.subtasks[item.id]?.count ?? 0)) },
        ]
        for (name, render) in all where fields.wants(name) { record[name] = render() }
        return .object(record)
    }

    /// A tag as a task names it.
    func tag(named name: String, fields: AsanaFieldSelection) -> JSONValue {
        let full: JSONValue = ["gid": .string(Self.tagGID(name)), "resource_type": "tag", "name": .string(name)]
        return fields.object("tags", full)
    }

    static func tagGID(_ name: String) -> String {
        String(1_600_000_000_000 + Int64((WorldVocabulary.labels.firstIndex(of: name) ?? 0) + 1))
    }

    static func escaped(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;")
    }

    /// The task's custom fields as Asana sends them: "Story Points" (number), "Priority" and "Type" (enums).
    func customFields(_ item: WorkItem) -> [JSONValue] {
        let points: JSONValue = [
            "gid": "1700000000001", "resource_type": "custom_field", "name": "Story Points", "type": "number",
            "resource_subtype": "number", "number_value": item.storyPoints.map(JSONValue.number) ?? .null,
            "display_value": item.storyPoints.map { .string(String(format: "%g", $0)) } ?? .null,
        ]
        let priority = item.priority.flatMap { index in
            WorldVocabulary.priorities.indices.contains(index) ? WorldVocabulary.priorities[index] : nil
        }
        let option: JSONValue =
            priority.map { name in
                [
                    "gid": .string(String(1_700_000_000_100 + (WorldVocabulary.priorities.firstIndex(of: name) ?? 0))),
                    "resource_type": "enum_option", "name": .string(name), "enabled": true,
                ]
            } ?? .null
        let enumField: JSONValue = [
            "gid": "1700000000002", "resource_type": "custom_field", "name": "Priority", "type": "enum",
            "resource_subtype": "enum", "enum_value": option,
            "display_value": priority.map(JSONValue.string) ?? .null,
        ]
        let typeOption: JSONValue = [
            "gid": .string(String(1_700_000_000_200 + (AsanaRichText.typeNames.firstIndex(of: item.type) ?? 0))),
            "resource_type": "enum_option", "name": .string(item.type), "enabled": true,
        ]
        let typeField: JSONValue = [
            "gid": "1700000000003", "resource_type": "custom_field", "name": "Type", "type": "enum",
            "resource_subtype": "enum", "enum_value": typeOption, "display_value": .string(item.type),
        ]
        // Asana's built-in "Estimated time" (minutes): the world's estimate, two hours a point.
        let minutes = item.storyPoints.map { $0 * 120 }
        let estimate: JSONValue = [
            "gid": "1700000000004", "resource_type": "custom_field", "name": "Estimated time", "type": "number",
            "resource_subtype": "number", "number_value": minutes.map(JSONValue.number) ?? .null,
            "display_value": minutes.map { .string(String(format: "%g", $0)) } ?? .null,
        ]
        return [points, enumField, typeField, estimate]
    }

    /// The person of world user `index` as the field `path` names it: compact, or with the email
    /// when `opt_fields` asks for it (`created_by.email`).
    func person(_ index: Int?, _ path: String, _ fields: AsanaFieldSelection) -> JSONValue {
        guard let index, world.users.indices.contains(index) else { return .null }
        let user = world.users[index]
        return fields.object(
            path,
            [
                "gid": .string(Self.userGID(index)), "resource_type": "user", "name": .string(user.displayName),
                "email": user.email.map(JSONValue.string) ?? .null,
            ])
    }

    /// A task's stories, oldest first: "added to project" when it was made, then its comments.
    func stories(_ item: WorkItem, fields: AsanaFieldSelection) -> [JSONValue] {
        let added: JSONValue = [
            "gid": .string(String(1_800_000_000_000 + Int64(item.id))), "resource_type": "story",
            "resource_subtype": "added_to_project", "type": "system", "created_at": Self.time(item.created),
            "created_by": person(item.reporter, "created_by", fields),
            "text": .string("added to \(world.projects.name(item.project))"),
        ]
        let comments = item.comments.map { comment -> JSONValue in
            [
                "gid": .string(String(1_810_000_000_000 + Int64(comment.id))), "resource_type": "story",
                "resource_subtype": "comment_added", "type": "comment", "created_at": Self.time(comment.created),
                "created_by": person(comment.author, "created_by", fields), "text": .string(comment.text),
                "html_text": .string("<body>\(Self.escaped(comment.text))</body>"),
            ]
        }
        return ([added] + comments).map { story in
            guard !fields.isEmpty, case .object(let all) = story else { return story }
            return .object(all.filter { ["gid", "resource_type"].contains($0.key) || fields.wants($0.key) })
        }
    }

    /// A task's attachments: compact, or with `download_url` (valid for two minutes, never to be
    /// stored), `permanent_url` and `view_url` when asked for.
    func attachments(_ item: WorkItem, fields: AsanaFieldSelection, base: String, now: Date) -> [JSONValue] {
        item.attachments.map { attachment -> JSONValue in
            let gid = String(1_900_000_000_000 + Int64(attachment.id))
            let expires = Int64(now.timeIntervalSince1970) + 120
            let full: [String: JSONValue] = [
                "gid": .string(gid), "resource_type": .string("attachment"), "name": .string(attachment.text),
                "resource_subtype": .string("asana"), "created_at": Self.time(attachment.created),
                "size": .number(Double(attachment.size)), "host": .string("asana"),
                "download_url": .string("\(base)/attachments/\(gid)/download?expires=\(expires)"),
                "permanent_url": .string("https://app.asana.com/app/asana/-/get_asset?asset_id=\(gid)"),
                "view_url": .string("https://app.asana.com/app/asana/-/get_asset?asset_id=\(gid)"),
                "parent": ["gid": .string(Self.taskGID(item.id)), "resource_type": "task"],
            ]
            guard !fields.isEmpty else {
                return .object(full.filter { ["gid", "name", "resource_type", "resource_subtype"].contains($0.key) })
            }
            return .object(full.filter { ["gid", "resource_type"].contains($0.key) || fields.wants($0.key) })
        }
    }

    /// The workspace's people, with the fields `fields` names (`name` and `email` by default).
    func users(fields: AsanaFieldSelection) -> [JSONValue] {
        world.users.indices.map { index in
            let user = world.users[index]
            var record: [String: JSONValue] = [
                "gid": .string(Self.userGID(index)), "resource_type": "user", "name": .string(user.displayName),
            ]
            if fields.wants("email") { record["email"] = user.email.map(JSONValue.string) ?? .null }
            return .object(record)
        }
    }

    /// The live item holding the attachment `gid`, if any.
    func item(attachmentGID gid: String) -> WorkItem? {
        guard let number = Int64(gid), number > 1_900_000_000_000,
            let id = Int(exactly: number - 1_900_000_000_000)
        else { return nil }
        return index.attachmentOwner[id].flatMap { world.issues[$0] }
    }

    /// The live item a task gid names (a deleted or archived one is not found, as Asana answers 404).
    func item(taskGID gid: String) -> WorkItem? {
        Self.itemID(taskGID: gid).flatMap { world.issues[$0] }.flatMap { $0.isArchived ? nil : $0 }
    }
}
