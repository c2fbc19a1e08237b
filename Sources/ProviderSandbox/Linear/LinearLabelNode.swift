import ImportCore

/// A label of the workspace; the item types are labels of the "Type" group.
struct LinearLabelNode: GraphQLResolvable {
    let view: LinearView
    let name: String
    var typeName: String { "IssueLabel" }

    func resolve(_ field: String, arguments: [String: JSONValue]) throws(GraphQLError) -> GraphQLOutput {
        let group = view.labelNames.first { $0.name == name }?.group
        switch field {
        case "id": return .value(.string(view.labelID(name)))
        case "name": return .value(.string(name))
        case "color": return .value(.string(name == "Bug" ? "#eb5757" : "#4ea7fc"))
        case "isGroup": return .value(.bool(name == "Type"))
        case "description", "archivedAt": return .value(.null)
        case "parent": return .object(group.map { LinearLabelNode(view: view, name: $0) })
        default: return .value(.string(LinearView.time(SandboxWorld.epoch - 86_400_000 * 200)))
        }
    }

    /// The labels `names` as a connection.
    static func connection(_ names: [String], view: LinearView, arguments: [String: JSONValue])
        throws(GraphQLError) -> GraphQLConnection
    {
        var kept: [GraphQLConnection.Item] = []
        for (position, name) in names.enumerated() {
            let node = LinearLabelNode(view: view, name: name)
            if let filter = arguments["filter"], try !LinearFilter.label(name, filter, view: view) { continue }
            kept.append(GraphQLConnection.Item(sortKey: Int64(-position), id: view.labelID(name), node: node))
        }
        return try GraphQLConnection.page("IssueLabelConnection", items: kept, arguments: arguments)
    }
}
