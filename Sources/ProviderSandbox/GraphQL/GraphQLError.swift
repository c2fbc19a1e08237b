import ImportCore

/// An error as a GraphQL server reports it: the message, where in the request, the path of the
/// field, and `extensions` (Linear puts `code`, `type`, `userError` and the HTTP status there).
struct GraphQLError: Error, Sendable {
    var message: String
    var locations: [GraphQLLocation] = []
    var path: [String] = []
    var extensions: [String: JSONValue] = [:]

    /// The error as one entry of `errors`.
    var json: JSONValue {
        var object: [String: JSONValue] = ["message": .string(message)]
        if !locations.isEmpty {
            object["locations"] = .array(
                locations.map { ["line": .number(Double($0.line)), "column": .number(Double($0.column))] })
        }
        if !path.isEmpty { object["path"] = .array(path.map { Int($0).map { .number(Double($0)) } ?? .string($0) }) }
        if !extensions.isEmpty { object["extensions"] = .object(extensions) }
        return .object(object)
    }
}
