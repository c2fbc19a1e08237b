import ImportCore

/// The workspace as Linear's `Organization`: its id is the source instance of every imported row.
struct LinearOrganizationNode: GraphQLResolvable {
    let view: LinearView
    let name: String
    var typeName: String { "Organization" }

    func resolve(_ field: String, arguments: [String: JSONValue]) throws(GraphQLError) -> GraphQLOutput {
        switch field {
        case "id": return .value(.string(view.uuid("organization", 1)))
        case "name": return .value(.string(name))
        case "urlKey": return .value(.string(view.urlKey))
        default: return .value(.string(LinearView.time(SandboxWorld.epoch - 86_400_000 * 365)))
        }
    }
}
