/// A parsed GraphQL request document: the operations and fragments it defines, as the sandbox's
/// GraphQL façades (Linear's) execute them.
struct GraphQLDocument: Sendable {
    var operations: [GraphQLOperation] = []
    var fragments: [String: GraphQLFragment] = [:]
}

/// One operation of a document (`query Name($v: Type) { … }`).
struct GraphQLOperation: Sendable {
    /// `query` or `mutation`.
    var kind: String
    var name: String?
    var variables: [GraphQLVariableDefinition]
    var selections: [GraphQLSelection]
}

/// A declared variable (`$after: String`), its type as written and its default value.
struct GraphQLVariableDefinition: Sendable {
    var name: String
    var type: String
    var defaultValue: GraphQLValue?
}

/// A named fragment (`fragment F on Issue { … }`).
struct GraphQLFragment: Sendable {
    var typeCondition: String
    var selections: [GraphQLSelection]
}

/// Where something is in the request text (1-based), for GraphQL's `locations`.
struct GraphQLLocation: Sendable, Hashable {
    var line: Int
    var column: Int
}

/// A field asked for: `alias: name(arguments) { selections }`.
struct GraphQLField: Sendable {
    var alias: String?
    var name: String
    var arguments: [String: GraphQLValue]
    var selections: [GraphQLSelection]
    var location: GraphQLLocation

    /// The key the field's value has in the answer.
    var responseKey: String { alias ?? name }
}

/// One entry of a selection set.
indirect enum GraphQLSelection: Sendable {
    case field(GraphQLField)
    case fragmentSpread(name: String, location: GraphQLLocation)
    case inlineFragment(typeCondition: String?, selections: [GraphQLSelection])
}

/// A value written in the request: a literal, a variable, a list or an input object.
indirect enum GraphQLValue: Sendable {
    case variable(String)
    case int(String)
    case float(String)
    case string(String)
    case boolean(Bool)
    case null
    case enumValue(String)
    case list([GraphQLValue])
    case object([String: GraphQLValue])
}
