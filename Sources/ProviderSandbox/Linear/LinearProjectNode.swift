import ImportCore

/// An epic of the world as Linear's `Project` (the issues under the epic are the project's).
struct LinearProjectNode: GraphQLResolvable {
    let view: LinearView
    let epic: WorkItem
    var typeName: String { "Project" }

    func resolve(_ name: String, arguments: [String: JSONValue]) throws(GraphQLError) -> GraphQLOutput {
        switch name {
        case "id": return .value(.string(view.uuid("project", epic.id)))
        case "name": return .value(.string(epic.summary))
        case "url":
            return .value(.string("\(view.base)/\(view.urlKey)/project/\(LinearView.slug(epic.summary))-\(epic.id)"))
        case "description": return .value(.string(""))
        case "targetDate": return .value(JSONValue(epic.dueDate))
        case "startDate", "archivedAt": return .value(.null)
        case "state": return .value(.string(LinearView.stateType(epic.status) == "completed" ? "completed" : "started"))
        case "status": return .object(Status(view: view, epic: epic))
        case "createdAt": return .value(.string(LinearView.time(epic.created)))
        default: return .value(.string(LinearView.time(epic.updated)))
        }
    }

    /// `ProjectStatus { id name type }`.
    struct Status: GraphQLResolvable {
        let view: LinearView
        let epic: WorkItem
        var typeName: String { "ProjectStatus" }

        func resolve(_ name: String, arguments: [String: JSONValue]) throws(GraphQLError) -> GraphQLOutput {
            let done = LinearView.stateType(epic.status) == "completed"
            switch name {
            case "id": return .value(.string(view.uuid("project-status", done ? 2 : 1)))
            case "name": return .value(.string(done ? "Completed" : "In Progress"))
            default: return .value(.string(done ? "completed" : "started"))
            }
        }
    }
}
