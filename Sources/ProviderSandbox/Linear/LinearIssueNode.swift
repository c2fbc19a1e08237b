import ImportCore

/// A work item as Linear's `Issue`: UUID, identifier (its key), Markdown description, priority 0–4,
/// the team's workflow state, the type as a label, an epic's project, the creation cycle, sub-issues,
/// threaded comments and attachments as paged connections.
struct LinearIssueNode: GraphQLResolvable {
    let view: LinearView
    let item: WorkItem
    var typeName: String { "Issue" }

    func resolve(_ name: String, arguments: [String: JSONValue]) throws(GraphQLError) -> GraphQLOutput {
        let type = LinearView.stateType(item.status)
        switch name {
        case "id": return .value(.string(view.uuidOfItem[item.id] ?? ""))
        case "identifier": return .value(.string(item.key))
        case "number": return .value(.number(Double(LinearFilter.number(item))))
        case "title": return .value(.string(item.summary))
        case "description": return .value(JSONValue(view.description(item)))
        case "url": return .value(.string(view.issueURL(item)))
        case "priority": return .value(.number(Double(LinearView.priority(item.priority))))
        case "priorityLabel": return .value(.string(LinearView.priorityLabels[LinearView.priority(item.priority)]))
        case "estimate": return .value(item.storyPoints.map(JSONValue.number) ?? .null)
        case "dueDate": return .value(JSONValue(item.dueDate))
        case "createdAt": return .value(.string(LinearView.time(item.created)))
        case "updatedAt": return .value(.string(LinearView.time(item.updated)))
        case "startedAt":
            return .value(type == "started" || type == "completed" ? .string(LinearView.time(item.created)) : .null)
        case "completedAt": return .value(type == "completed" ? .string(LinearView.time(item.updated)) : .null)
        case "canceledAt": return .value(type == "canceled" ? .string(LinearView.time(item.updated)) : .null)
        case "archivedAt": return .value(item.archivedAt.map { .string(LinearView.time($0)) } ?? .null)
        case "trashed": return .value(item.trashed ? true : .null)
        case "state": return .object(LinearStateNode(view: view, team: item.project, status: item.status))
        case "team": return .object(LinearTeamNode(view: view, index: item.project))
        case "assignee": return .object(item.assignee.map { LinearUserNode(view: view, index: $0) })
        case "creator": return .object(LinearUserNode(view: view, index: item.reporter))
        case "labels":
            return .object(try LinearLabelNode.connection(LinearFilter.labels(item), view: view, arguments: arguments))
        case "labelIds": return .value(.array(LinearFilter.labels(item).map { .string(view.labelID($0)) }))
        case "parent": return .object(view.parent(of: item).map { LinearIssueNode(view: view, item: $0) })
        case "children":
            let children = (view.children[item.id] ?? []).compactMap { view.world.issues[$0] }
            return .object(try LinearIssues.connection(children, view: view, arguments: arguments))
        case "comments":
            var items: [GraphQLConnection.Item] = []
            for comment in item.comments {
                if let filter = arguments["filter"],
                    try !LinearFilter.compare(
                        .string(view.uuid("comment", comment.id)), filter["id"] ?? [:])
                {
                    continue
                }
                items.append(
                    GraphQLConnection.Item(
                        sortKey: comment.created, id: view.uuid("comment", comment.id),
                        node: LinearCommentNode(view: view, item: item, comment: comment)))
            }
            items.sort { ($0.sortKey, $0.id) > ($1.sortKey, $1.id) }
            return .object(try GraphQLConnection.page("CommentConnection", items: items, arguments: arguments))
        case "attachments":
            let items = item.attachments.map { attachment in
                GraphQLConnection.Item(
                    sortKey: attachment.created, id: view.uuid("attachment", attachment.id),
                    node: LinearAttachmentNode(view: view, item: item, attachment: attachment))
            }.sorted { ($0.sortKey, $0.id) > ($1.sortKey, $1.id) }
            return .object(try GraphQLConnection.page("AttachmentConnection", items: items, arguments: arguments))
        case "project": return .object(view.projectEpic(of: item).map { LinearProjectNode(view: view, epic: $0) })
        case "projectMilestone": return .object(nil)
        case "cycle":
            return .object(LinearCycleNode(view: view, team: item.project, number: LinearView.cycle(of: item)))
        case "previousIdentifiers": return .value(.array(item.previousKeys.map(JSONValue.string)))
        case "branchName":
            let user = view.world.users[item.assignee ?? item.reporter].name
            return .value(.string("\(user)/\(item.key.lowercased())-\(LinearView.slug(item.summary))"))
        default: return .value(.null)
        }
    }
}
