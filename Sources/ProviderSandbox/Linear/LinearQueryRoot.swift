import ImportCore

/// The root of Linear's queries: the viewer, the workspace, teams, issues and their lookups.
struct LinearQueryRoot: GraphQLResolvable {
    let view: LinearView
    let organizationName: String
    var typeName: String { "Query" }

    func resolve(_ name: String, arguments: [String: JSONValue]) throws(GraphQLError) -> GraphQLOutput {
        switch name {
        case "viewer": return .object(LinearUserNode(view: view, index: view.viewer))
        case "organization": return .object(LinearOrganizationNode(view: view, name: organizationName))
        case "teams":
            var items: [GraphQLConnection.Item] = []
            for index in 0..<view.teamCount {
                if let filter = arguments["filter"], try !LinearFilter.team(index, filter, view: view) { continue }
                items.append(
                    GraphQLConnection.Item(
                        sortKey: Int64(-index), id: view.teamID(index), node: LinearTeamNode(view: view, index: index)))
            }
            return .object(try GraphQLConnection.page("TeamConnection", items: items, arguments: arguments))
        case "team":
            let id = arguments["id"]?.stringValue ?? ""
            guard
                let index = view.teamIndex(id: id)
                    ?? (0..<view.teamCount).first(where: { view.world.projects.key($0) == id })
            else { throw Self.notFound("Team", id) }
            return .object(LinearTeamNode(view: view, index: index))
        case "issues":
            return .object(
                try LinearIssues.connection(Array(view.world.issues.values), view: view, arguments: arguments))
        case "issue":
            let id = arguments["id"]?.stringValue ?? ""
            let item =
                view.itemsByUUID[id]
                ?? view.world.issues.values.first {
                    $0.key == id.uppercased() || $0.previousKeys.contains(id.uppercased())
                }
            guard let item else { throw Self.notFound("Issue", id) }
            return .object(LinearIssueNode(view: view, item: item))
        case "users":
            let items = view.world.users.indices.map { index in
                GraphQLConnection.Item(
                    sortKey: Int64(-index), id: view.uuid("user", index), node: LinearUserNode(view: view, index: index)
                )
            }
            return .object(try GraphQLConnection.page("UserConnection", items: items, arguments: arguments))
        case "workflowStates":
            var items: [GraphQLConnection.Item] = []
            for team in 0..<view.teamCount {
                for status in WorldVocabulary.statuses.indices {
                    items.append(
                        GraphQLConnection.Item(
                            sortKey: Int64(-(team * 1000 + status)), id: view.stateID(team: team, status: status),
                            node: LinearStateNode(view: view, team: team, status: status)))
                }
            }
            return .object(try GraphQLConnection.page("WorkflowStateConnection", items: items, arguments: arguments))
        case "issueLabels":
            return .object(
                try LinearLabelNode.connection(view.labelNames.map(\.name), view: view, arguments: arguments))
        default:
            let epics = view.world.issues.values.filter { $0.type == "Epic" }.sorted { $0.id > $1.id }
            let items = epics.map { epic in
                GraphQLConnection.Item(
                    sortKey: epic.created, id: view.uuid("project", epic.id),
                    node: LinearProjectNode(view: view, epic: epic))
            }
            return .object(try GraphQLConnection.page("ProjectConnection", items: items, arguments: arguments))
        }
    }

    /// Linear's answer for an id that names nothing.
    static func notFound(_ type: String, _ id: String) -> GraphQLError {
        GraphQLError(
            message: "Entity not found: \(type)",
            extensions: [
                "code": "INVALID_INPUT", "type": "invalid input", "userError": true,
                "userPresentableMessage": .string("Could not find referenced \(type) \(id.prefix(60))."),
            ])
    }
}
