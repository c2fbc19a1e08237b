/// What a GraphQL façade serves, for validating requests before they run: the fields of each
/// object type (with their type and the arguments they take) and the fields of each input type.
/// A type written `[T]` is a list; names ending in `Connection` are paginated (`first`).
struct GraphQLSchema: Sendable {
    /// One field of an object type.
    struct Field: Sendable {
        var type: String
        var arguments: Set<String>

        init(_ type: String, arguments: Set<String> = []) {
            self.type = type
            self.arguments = arguments
        }
    }

    /// The types with subfields, by name.
    var objects: [String: [String: Field]]
    /// Input object types (filters), by name: field name → the field's input type.
    var inputs: [String: [String: String]]
    /// The root type of queries.
    var queryType = "Query"

    /// Scalar and enum types: no subfields.
    func isLeaf(_ type: String) -> Bool { objects[Self.named(type)] == nil }

    /// `T` of `[T]`, `T!` or `[T!]!`.
    static func named(_ type: String) -> String {
        type.filter { $0 != "[" && $0 != "]" && $0 != "!" }
    }

    /// Whether values of `type` are lists.
    static func isList(_ type: String) -> Bool { type.hasPrefix("[") }
}
