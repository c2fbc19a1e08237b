import Foundation
import ImportCore

/// The world as ClickUp shows it: ids for the Workspace, space, folder, lists, people, tasks and
/// their children, and the records in ClickUp's shapes (dates as strings of epoch milliseconds).
struct ClickUpDocuments {
    let world: SandboxWorld
    let config: ClickUpSandboxConfig
    /// The world's lookups (subtasks, owners, threads), of the same version.
    let index: ClickUpIndex
    /// Checklists tests added, by world item id.
    let checklists: [Int: [ClickUpChecklist]]
    /// The sandbox's address: attachments are served from it as from ClickUp's file store.
    let base: String

    /// The one Workspace's id ("team" in API v2).
    static let teamID = "9015000001"
    /// The one space's id.
    static let spaceID = "90150010"
    /// The folder holding the first list.
    static let folderID = "90150020"

    static func listID(_ index: Int) -> String { String(901_500_100 + index) }
    static func userID(_ index: Int) -> Int { 81_000_000 + index }
    static func taskID(_ id: Int) -> String { "86" + String(id, radix: 36) }
    static func commentID(_ id: Int) -> String { String(90_000_000_000 + Int64(id)) }
    static func intervalID(_ id: Int) -> String { String(40_000_000_000 + Int64(id)) }

    /// The world item a task id names, if any.
    static func itemID(taskID id: String) -> Int? {
        guard id.hasPrefix("86"), id.count <= 12 else { return nil }
        return Int(id.dropFirst(2), radix: 36)
    }

    /// The world child a comment id names, if any.
    static func childID(commentID id: String) -> Int? {
        guard let number = Int64(id), number > 90_000_000_000 else { return nil }
        return Int(exactly: number - 90_000_000_000)
    }

    /// An attachment's id: a UUID and the file's extension, as ClickUp writes them.
    static func attachmentID(_ child: WorkItem.Child) -> String {
        let ext = (child.text as NSString).pathExtension
        return "c1c0ffee-0000-4000-8000-\(String(format: "%012d", child.id))" + (ext.isEmpty ? "" : ".\(ext)")
    }

    /// The world child an attachment id names, if any.
    static func childID(attachmentID id: String) -> Int? {
        guard id.hasPrefix("c1c0ffee-0000-4000-8000-") else { return nil }
        return Int(id.dropFirst("c1c0ffee-0000-4000-8000-".count).prefix(12))
    }

    /// The list index a list id names, if the world has it.
    func listIndex(id: String) -> Int? { (0..<world.projectCount).first { Self.listID($0) == id } }

    /// The task a world item is a subtask of in ClickUp: only Jira's sub-tasks are; an epic is a
    /// milestone its tasks are related to.
    static func clickUpParent(_ item: WorkItem) -> Int? { item.type == "Sub-task" ? item.parent : nil }

    /// The milestone (a live world epic) that `item` belongs to, if any.
    func milestone(of item: WorkItem) -> WorkItem? {
        guard item.type != "Sub-task", item.type != "Epic", let parent = item.parent,
            let epic = world.issues[parent], epic.type == "Epic", !epic.isArchived
        else { return nil }
        return epic
    }

    static func milliseconds(_ value: Int64) -> JSONValue { .string(String(value)) }

    /// A world date (`yyyy-MM-dd`) as ClickUp holds a due date: midnight UTC in milliseconds.
    static func dueDate(_ day: String?) -> JSONValue {
        guard let day, let stamp = Timestamp.parse(day) else { return .null }
        return milliseconds(stamp.millisecondsSince1970)
    }

    var team: JSONValue {
        [
            "id": .string(Self.teamID), "name": .string(config.workspaceName), "color": "#7b68ee", "avatar": .null,
            "members": .array(world.users.indices.map { ["user": person($0)] }),
        ]
    }

    /// `GET /user`: the token's person.
    var me: JSONValue {
        let index = world.users.firstIndex { $0.email == config.email } ?? 0
        var user = person(index)
        if case .object(var fields) = user {
            fields["week_start_day"] = 1
            fields["global_font_support"] = false
            fields["timezone"] = .string(world.users[index].timeZone)
            user = .object(fields)
        }
        return user
    }

    /// Person `index` as ClickUp embeds people (an email unless the world hides it).
    func person(_ index: Int) -> JSONValue {
        guard world.users.indices.contains(index) else { return .null }
        let user = world.users[index]
        let initials = user.displayName.split(separator: " ").prefix(2).compactMap(\.first).map(String.init).joined()
        return [
            "id": .number(Double(Self.userID(index))), "username": .string(user.displayName),
            "email": user.email.map(JSONValue.string) ?? .null, "color": "#827718",
            "initials": .string(initials), "profilePicture": .null,
        ]
    }

    /// The statuses every list has, in order: name (lower case, as ClickUp writes them) and type.
    static func status(_ index: Int) -> (name: String, type: String) {
        let status = WorldVocabulary.statuses[index]
        let type =
            switch status.name {
            case "To Do": "open"
            case "Done": "done"
            case _ where status.category == "done": "closed"
            default: "custom"
            }
        return (status.name.lowercased(), type)
    }

    var space: JSONValue {
        [
            "id": .string(Self.spaceID), "name": "Engineering", "private": false, "archived": false,
            "statuses": .array(
                WorldVocabulary.statuses.indices.map { index in
                    let status = Self.status(index)
                    return [
                        "status": .string(status.name), "type": .string(status.type),
                        "orderindex": .number(Double(index)), "color": "#d3d3d3",
                    ]
                }),
            "multiple_assignees": false,
        ]
    }

    /// Whether list `index` sits in the folder (the first one) or directly in the space.
    static func isInFolder(_ index: Int) -> Bool { index == 0 }

    var folder: JSONValue {
        [
            "id": .string(Self.folderID), "name": "Product", "orderindex": 0, "hidden": false,
            "space": ["id": .string(Self.spaceID), "name": "Engineering"],
            "task_count": .string(String(world.issues.values.filter { $0.project == 0 && !$0.isArchived }.count)),
            "lists": .array((0..<world.projectCount).filter(Self.isInFolder).map(list)),
        ]
    }

    /// List `index` as the list endpoints show it.
    func list(_ index: Int) -> JSONValue {
        var list: [String: JSONValue] = [
            "id": .string(Self.listID(index)), "name": .string(world.projects.name(index)),
            "orderindex": .number(Double(index)), "archived": false,
            "task_count": .number(Double(world.issues.values.filter { $0.project == index && !$0.isArchived }.count)),
            "space": ["id": .string(Self.spaceID), "name": "Engineering", "access": true],
        ]
        list["folder"] =
            Self.isInFolder(index)
            ? ["id": .string(Self.folderID), "name": "Product", "hidden": false, "access": true]
            : ["id": "0", "name": "hidden", "hidden": true, "access": true]
        return .object(list)
    }

    /// The tasks of list `index` a `GET /list/{id}/task` selects, in its order.
    func tasks(list index: Int, filter: ClickUpTaskFilter) -> [WorkItem] {
        let selected = world.issues.values.filter { item in
            item.project == index && item.isArchived == filter.archived
                && (filter.subtasks || Self.clickUpParent(item) == nil)
                && (filter.includeClosed || Self.status(item.status).type != "closed")
                && filter.updatedAfter.map { item.updated >= $0 } != false
                && filter.updatedBefore.map { item.updated <= $0 } != false
        }
        let ascending = selected.sorted { first, second in
            switch filter.orderBy {
            case "updated": return (first.updated, first.id) < (second.updated, second.id)
            case "id": return first.id < second.id
            case "due_date": return (first.dueDate ?? "9999", first.id) < (second.dueDate ?? "9999", second.id)
            default: return (first.created, first.id) < (second.created, second.id)
            }
        }
        // Newest first unless reversed.
        return filter.reverse ? ascending : ascending.reversed()
    }

    /// A task as ClickUp sends it; `detail` adds what only `GET /task/{id}` has (attachments, and
    /// subtasks when asked for).
    func task(_ item: WorkItem, markdown: Bool, detail: Bool = false, subtasks: Bool = false) -> JSONValue {
        let status = Self.status(item.status)
        let list = Self.listID(item.project)
        let done = status.type == "closed" || status.type == "done"
        var record: [String: JSONValue] = [
            "id": .string(Self.taskID(item.id)), "custom_id": .string(item.key),
            "custom_item_id": .number(item.type == "Epic" ? 1 : 0), "name": .string(item.summary),
            "text_content": .string(item.variant.map { AsanaRichText.plain(variant: $0, summary: item.summary) } ?? ""),
            "description": .string(item.variant.map { AsanaRichText.plain(variant: $0, summary: item.summary) } ?? ""),
            "status": [
                "id": .string("sc\(list)_\(item.status)"), "status": .string(status.name), "color": "#d3d3d3",
                "orderindex": .number(Double(item.status)), "type": .string(status.type),
            ],
            "orderindex": .string("\(item.id).00000000000000000000000000000000"),
            "date_created": Self.milliseconds(item.created), "date_updated": Self.milliseconds(item.updated),
            "date_closed": done ? Self.milliseconds(item.updated) : .null,
            "date_done": done ? Self.milliseconds(item.updated) : .null,
            "archived": .bool(item.isArchived), "creator": person(item.reporter),
            "assignees": .array(item.assignee.map { [person($0)] } ?? []), "group_assignees": [], "watchers": [],
            "checklists": .array((checklists[item.id] ?? []).map { checklist(item, $0) }),
            "tags": .array(
                item.labels.map {
                    ["name": .string($0), "tag_fg": "#800000", "tag_bg": "#2ecd6f", "creator": 81_000_000]
                }),
            "parent": Self.clickUpParent(item).map { .string(Self.taskID($0)) } ?? .null,
            "top_level_parent": Self.clickUpParent(item).map { .string(Self.taskID($0)) } ?? .null,
            "priority": priority(item.priority), "due_date": Self.dueDate(item.dueDate), "start_date": .null,
            "points": item.storyPoints.map(JSONValue.number) ?? .null,
            // Two hours a point, as the other façades estimate.
            "time_estimate": item.storyPoints.map { .string(String(Int64($0 * 7_200_000))) } ?? .null,
            "custom_fields": .array(customFields(item)),
            "dependencies": .array(dependencies(item)), "linked_tasks": .array(linkedTasks(item)), "locations": [],
            "team_id": .string(Self.teamID), "url": .string("https://app.clickup.com/t/\(Self.taskID(item.id))"),
            "permission_level": "create",
            "list": ["id": .string(list), "name": .string(world.projects.name(item.project)), "access": true],
            "project": Self.isInFolder(item.project)
                ? ["id": .string(Self.folderID), "name": "Product", "hidden": false, "access": true]
                : ["id": "0", "name": "hidden", "hidden": true, "access": true],
            "folder": Self.isInFolder(item.project)
                ? ["id": .string(Self.folderID), "name": "Product", "hidden": false, "access": true]
                : ["id": "0", "name": "hidden", "hidden": true, "access": true],
            "space": ["id": .string(Self.spaceID)],
        ]
        if markdown {
            record["markdown_description"] = .string(
                item.variant.map { LinearDocuments.markdown(variant: $0, summary: item.summary) } ?? "")
        }
        // ClickUp includes time_spent only for tasks with time tracked.
        if !item.worklogs.isEmpty {
            record["time_spent"] = .number(Double(item.worklogs.map { Int64($0.seconds) * 1000 }.reduce(0, +)))
        }
        if detail {
            record["attachments"] = .array(item.attachments.map { attachment(item, $0) })
            if subtasks {
                record["subtasks"] = .array(
                    (index.subtasks[item.id] ?? []).compactMap { world.issues[$0] }.map { task($0, markdown: markdown) }
                )
            }
        }
        return .object(record)
    }

    /// ClickUp's priority object (1 urgent … 4 low), or null when unset.
    func priority(_ index: Int?) -> JSONValue {
        guard let index, WorldVocabulary.priorities.indices.contains(index) else { return .null }
        let level: (id: String, name: String, color: String) =
            switch WorldVocabulary.priorities[index] {
            case "Highest", "Blocker", "Critical": ("1", "urgent", "#f50000")
            case "High": ("2", "high", "#f8ae00")
            case "Medium": ("3", "normal", "#6fddff")
            default: ("4", "low", "#d8d8d8")
            }
        return [
            "id": .string(level.id), "priority": .string(level.name), "color": .string(level.color),
            "orderindex": .string(level.id),
        ]
    }

    /// The task's custom fields: Type (drop_down, its value the option's orderindex), Components
    /// (labels, option ids) and Milestone (a task relationship, to the epic's milestone).
    func customFields(_ item: WorkItem) -> [JSONValue] {
        let typeOptions = AsanaRichText.typeNames.enumerated().map { offset, name -> JSONValue in
            [
                "id": .string("7e0f0000-0000-4000-8000-\(String(format: "%012d", offset))"), "name": .string(name),
                "color": .null, "orderindex": .number(Double(offset)),
            ]
        }
        let typeField: JSONValue = [
            "id": "7e0f0000-0000-4000-8000-000000000100", "name": "Type", "type": "drop_down",
            "type_config": ["default": 0, "placeholder": .null, "options": .array(typeOptions)],
            "date_created": "1704067200000", "hide_from_guests": false, "required": false,
            "value": AsanaRichText.typeNames.firstIndex(of: item.type).map { .number(Double($0)) } ?? .null,
        ]
        let componentOptions = WorldVocabulary.components.enumerated().map { offset, name -> JSONValue in
            [
                "id": .string("c0c0c0c0-0000-4000-8000-\(String(format: "%012d", offset))"), "label": .string(name),
                "color": .null,
            ]
        }
        var componentsField: [String: JSONValue] = [
            "id": "7e0f0000-0000-4000-8000-000000000101", "name": "Components", "type": "labels",
            "type_config": ["options": .array(componentOptions)], "date_created": "1704067200000",
            "hide_from_guests": false, "required": false,
        ]
        let chosen = item.components.compactMap { name in WorldVocabulary.components.firstIndex(of: name) }
        // ClickUp leaves `value` out of a field that has none.
        if !chosen.isEmpty {
            componentsField["value"] = .array(
                chosen.map { .string("c0c0c0c0-0000-4000-8000-\(String(format: "%012d", $0))") })
        }
        var milestoneField: [String: JSONValue] = [
            "id": "7e0f0000-0000-4000-8000-000000000102", "name": "Milestone", "type": "tasks", "type_config": [:],
            "date_created": "1704067200000", "hide_from_guests": false, "required": false,
        ]
        if let epic = milestone(of: item) {
            milestoneField["value"] = [
                [
                    "id": .string(Self.taskID(epic.id)), "name": .string(epic.summary),
                    "status": .string(Self.status(epic.status).name), "color": "#d3d3d3", "custom_type": 1,
                    "team_id": .string(Self.teamID), "deleted": false,
                    "url": .string("https://app.clickup.com/t/\(Self.taskID(epic.id))"), "access": true,
                ]
            ]
        }
        return [typeField, .object(componentsField), .object(milestoneField)]
    }

    /// "Blocks" links as ClickUp dependencies, on both tasks (`task_id` waits on `depends_on`).
    func dependencies(_ item: WorkItem) -> [JSONValue] {
        world.links.filter { $0.kind == .blocks && ($0.from == item.id || $0.to == item.id) }.map { link in
            [
                "task_id": .string(Self.taskID(link.to)), "depends_on": .string(Self.taskID(link.from)),
                "type": .number(link.from == item.id ? 1 : 0), "date_created": Self.milliseconds(item.created),
                "userid": "81000000", "workspace_id": .string(Self.teamID), "chain_id": .null,
            ]
        }
    }

    /// Other links as ClickUp's linked tasks.
    func linkedTasks(_ item: WorkItem) -> [JSONValue] {
        world.links.filter { $0.kind != .blocks && ($0.from == item.id || $0.to == item.id) }.map { link in
            [
                "task_id": .string(Self.taskID(item.id)),
                "link_id": .string(Self.taskID(link.from == item.id ? link.to : link.from)),
                "date_created": Self.milliseconds(item.created), "userid": "81000000",
                "workspace_id": .string(Self.teamID),
            ]
        }
    }

    func checklist(_ item: WorkItem, _ checklist: ClickUpChecklist) -> JSONValue {
        [
            "id": .string(checklist.id), "task_id": .string(Self.taskID(item.id)), "name": .string(checklist.name),
            "orderindex": 0, "resolved": .number(Double(checklist.items.filter(\.resolved).count)),
            "unresolved": .number(Double(checklist.items.filter { !$0.resolved }.count)),
            "items": .array(
                checklist.items.enumerated().map { offset, line in
                    [
                        "id": .string(line.id), "name": .string(line.name), "orderindex": .number(Double(offset)),
                        "assignee": .null, "resolved": .bool(line.resolved), "parent": .null,
                        "date_created": Self.milliseconds(item.created), "children": [],
                    ]
                }),
        ]
    }

    /// An attachment as `GET /task/{id}` lists it, its `url` on the sandbox's file store.
    func attachment(_ item: WorkItem, _ child: WorkItem.Child) -> JSONValue {
        let id = Self.attachmentID(child)
        let ext = (child.text as NSString).pathExtension
        let url =
            "\(base)/attachments/\(id)/\(child.text.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? "file")"
        return [
            "id": .string(id), "date": .number(Double(child.created)), "title": .string(child.text), "type": 1,
            "source": 1, "version": 0, "extension": .string(ext), "thumbnail_small": .null,
            "thumbnail_medium": .null, "thumbnail_large": .null, "is_folder": .null,
            "mimetype": .string(child.mimeType), "hidden": false, "parent_id": .string(Self.taskID(item.id)),
            "size": .number(Double(child.size)), "total_comments": 0, "resolved_comments": 0,
            "user": person(child.author), "deleted": false, "orientation": .null, "url": .string(url),
            "email_data": .null, "url_w_query": .string(url + "?view=open"), "url_w_host": .string(url),
        ]
    }

    /// A comment (or reply) as ClickUp sends it.
    func comment(_ child: WorkItem.Child, replies: Int?) -> JSONValue {
        [
            "id": .string(Self.commentID(child.id)), "comment": [["text": .string(child.text)]],
            "comment_text": .string(child.text), "user": person(child.author), "resolved": false,
            "assignee": .null, "assigned_by": .null, "reactions": [], "date": Self.milliseconds(child.created),
            "reply_count": .string(String(replies ?? 0)),
        ]
    }

    /// The task's top-level comments, newest first (ClickUp's order), each with its reply count.
    func comments(_ item: WorkItem) -> [JSONValue] {
        let roots = item.comments.filter { index.threadRoot[$0.id] == nil }
        let replyCounts = Dictionary(grouping: item.comments.compactMap { index.threadRoot[$0.id] }, by: { $0 })
            .mapValues(\.count)
        return roots.sorted { ($0.created, $0.id) > ($1.created, $1.id) }.map {
            comment($0, replies: replyCounts[$0.id] ?? 0)
        }
    }

    /// The replies in the thread of comment `root`, oldest first.
    func replies(_ item: WorkItem, root: Int) -> [JSONValue] {
        item.comments.filter { index.threadRoot[$0.id] == root }.sorted { ($0.created, $0.id) < ($1.created, $1.id) }
            .map { comment($0, replies: nil) }
    }

    /// `GET /task/{id}/time`: tracked time per person, each with its intervals.
    func trackedTime(_ item: WorkItem) -> [JSONValue] {
        Dictionary(grouping: item.worklogs, by: \.author).sorted { $0.key < $1.key }.map { author, logs in
            [
                "user": person(author), "time": .number(Double(logs.map { Int64($0.seconds) * 1000 }.reduce(0, +))),
                "intervals": .array(
                    logs.sorted { $0.created < $1.created }.map { log in
                        [
                            "id": .string(Self.intervalID(log.id)), "start": Self.milliseconds(log.created),
                            "end": Self.milliseconds(log.created + Int64(log.seconds) * 1000),
                            "time": .string(String(Int64(log.seconds) * 1000)), "source": "clickup",
                            "date_added": Self.milliseconds(log.created),
                        ]
                    }),
            ]
        }
    }

    /// The live item a task id names (a deleted one is not found; an archived one is).
    func item(taskID id: String) -> WorkItem? { Self.itemID(taskID: id).flatMap { world.issues[$0] } }
}
