import ImportCore

/// A two-week cycle (sprint): every item belongs to the cycle it was created in.
struct LinearCycleNode: GraphQLResolvable {
    let view: LinearView
    let team: Int
    let number: Int
    var typeName: String { "Cycle" }

    func resolve(_ name: String, arguments: [String: JSONValue]) throws(GraphQLError) -> GraphQLOutput {
        let start = SandboxWorld.epoch + Int64(number - 1) * 14 * 86_400_000
        switch name {
        case "id": return .value(.string(view.uuid("cycle", team * 10_000 + number)))
        case "number": return .value(.number(Double(number)))
        case "name": return .value(.string("Cycle \(number)"))
        case "startsAt": return .value(.string(LinearView.time(start)))
        default: return .value(.string(LinearView.time(start + 14 * 86_400_000)))
        }
    }
}
