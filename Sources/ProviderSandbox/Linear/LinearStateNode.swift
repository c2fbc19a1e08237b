import ImportCore

/// One workflow state of a team (the world's status, typed as Linear types its states).
struct LinearStateNode: GraphQLResolvable {
    let view: LinearView
    let team: Int
    let status: Int
    var typeName: String { "WorkflowState" }

    func resolve(_ name: String, arguments: [String: JSONValue]) throws(GraphQLError) -> GraphQLOutput {
        switch name {
        case "id": return .value(.string(view.stateID(team: team, status: status)))
        case "name": return .value(.string(WorldVocabulary.statuses[status].name))
        case "type": return .value(.string(LinearView.stateType(status)))
        case "color": return .value(.string(["#bec2c8", "#f2c94c", "#5e6ad2", "#95a2b3"][status % 4]))
        case "position": return .value(.number(Double(status)))
        case "description", "archivedAt": return .value(.null)
        case "team": return .object(LinearTeamNode(view: view, index: team))
        default: return .value(.string(LinearView.time(SandboxWorld.epoch - 86_400_000 * 300)))
        }
    }
}
