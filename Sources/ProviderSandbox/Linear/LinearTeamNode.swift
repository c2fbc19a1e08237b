import ImportCore

/// A container of the world as Linear's `Team`, with its workflow states, labels and issues.
struct LinearTeamNode: GraphQLResolvable {
    let view: LinearView
    let index: Int
    var typeName: String { "Team" }

    func resolve(_ name: String, arguments: [String: JSONValue]) throws(GraphQLError) -> GraphQLOutput {
        switch name {
        case "id": return .value(.string(view.teamID(index)))
        case "key": return .value(.string(view.world.projects.key(index)))
        case "name": return .value(.string(view.world.projects.name(index)))
        case "description", "archivedAt": return .value(.null)
        case "private": return .value(false)
        case "states":
            let items = WorldVocabulary.statuses.indices.map { status in
                GraphQLConnection.Item(
                    sortKey: Int64(-status), id: view.stateID(team: index, status: status),
                    node: LinearStateNode(view: view, team: index, status: status))
            }
            return .object(try GraphQLConnection.page("WorkflowStateConnection", items: items, arguments: arguments))
        case "labels":
            return .object(
                try LinearLabelNode.connection(view.labelNames.map(\.name), view: view, arguments: arguments))
        case "issues":
            let items = view.world.issues.values.filter { $0.project == index }
            return .object(try LinearIssues.connection(Array(items), view: view, arguments: arguments))
        default: return .value(.string(LinearView.time(SandboxWorld.epoch - 86_400_000 * 300)))
        }
    }
}
