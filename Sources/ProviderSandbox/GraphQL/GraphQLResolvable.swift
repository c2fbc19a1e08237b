import ImportCore

/// An object a GraphQL façade answers fields of: its type name (for fragments and `__typename`) and
/// the value of each field for the given arguments.
protocol GraphQLResolvable: Sendable {
    /// The object's type in the schema (`Issue`).
    var typeName: String { get }
    /// The value of field `name` with `arguments` (variables already substituted, enums as strings).
    func resolve(_ name: String, arguments: [String: JSONValue]) throws(GraphQLError) -> GraphQLOutput
}

/// A field's value as a resolver returns it.
enum GraphQLOutput: Sendable {
    /// A scalar or enum value (or null).
    case value(JSONValue)
    /// An object, or null.
    case object((any GraphQLResolvable)?)
    /// A list of objects.
    case objects([any GraphQLResolvable])
}
