import ImportCore

/// Runs a GraphQL request against a schema and a root object, as a GraphQL server does: the document
/// is parsed and validated first (unknown fields, arguments, fragments and variables are errors with
/// their locations, nothing runs), then executed; fields that fail become `null` with an error.
struct GraphQLExecutor {
    let schema: GraphQLSchema

    /// The outcome of one request.
    struct Outcome: Sendable {
        /// `data` (nil when validation failed).
        var data: JSONValue?
        var errors: [GraphQLError]
        /// The request's cost: one point per object, connections multiplied by their page size.
        var complexity: Int
        /// Whether the request was refused before it ran (syntax or validation).
        var refused: Bool { data == nil }
    }

    /// Page size of a connection asked for without `first`.
    static let defaultPageSize = 50

    /// Parses, validates and runs `query` with `variables` against `root`.
    func run(query: String, variables: [String: JSONValue], operationName: String?, root: any GraphQLResolvable)
        -> Outcome
    {
        let document: GraphQLDocument
        do {
            document = try GraphQLParser.parse(query)
        } catch {
            return Outcome(
                data: nil,
                errors: [
                    GraphQLError(
                        message: error.message, locations: [error.location],
                        extensions: Self.failure(code: "GRAPHQL_PARSE_FAILED"))
                ], complexity: 0)
        }
        let operations = document.operations.filter { operationName == nil || $0.name == operationName }
        guard operations.count == 1, let operation = operations.first else {
            let message =
                operations.isEmpty
                ? "Unknown operation named \"\(operationName ?? "")\"."
                : "Must provide operation name if query contains multiple operations."
            return Outcome(
                data: nil, errors: [GraphQLError(message: message, extensions: Self.failure(code: "BAD_USER_INPUT"))],
                complexity: 0)
        }
        var validation = Validation(schema: schema, document: document, operation: operation, variables: variables)
        let complexity = validation.check(operation.selections, on: schema.queryType)
        for variable in operation.variables where variable.type.hasSuffix("!") {
            if variables[variable.name] == nil || variables[variable.name] == .null, variable.defaultValue == nil {
                validation.errors.append(
                    GraphQLError(
                        message:
                            "Variable \"$\(variable.name)\" of required type \"\(variable.type)\" was not provided.",
                        extensions: Self.failure(code: "BAD_USER_INPUT")))
            }
        }
        guard validation.errors.isEmpty else {
            return Outcome(data: nil, errors: validation.errors, complexity: complexity)
        }
        var execution = Execution(document: document, variables: validation.values)
        let data = execution.select(operation.selections, on: root, path: [])
        return Outcome(data: data, errors: execution.errors, complexity: complexity)
    }

    /// The `extensions` of a request error (Linear's shape: code, type, userError, http status).
    static func failure(code: String, status: Int = 400) -> [String: JSONValue] {
        [
            "code": .string(code), "type": "graphql error", "userError": true,
            "http": ["status": .number(Double(status)), "headers": [:]],
        ]
    }

    // MARK: Validation

    private struct Validation {
        let schema: GraphQLSchema
        let document: GraphQLDocument
        let operation: GraphQLOperation
        let variables: [String: JSONValue]
        var errors: [GraphQLError] = []
        var fragmentsInUse: Set<String> = []

        init(
            schema: GraphQLSchema, document: GraphQLDocument, operation: GraphQLOperation,
            variables: [String: JSONValue]
        ) {
            self.schema = schema
            self.document = document
            self.operation = operation
            self.variables = variables
        }

        /// The variables' values: those given, else their defaults.
        var values: [String: JSONValue] {
            var all = variables
            for definition in operation.variables where all[definition.name] == nil {
                if let fallback = definition.defaultValue {
                    all[definition.name] = Execution.json(fallback, variables: [:])
                }
            }
            return all
        }

        mutating func problem(_ message: String, at location: GraphQLLocation? = nil) {
            errors.append(
                GraphQLError(
                    message: message, locations: location.map { [$0] } ?? [],
                    extensions: GraphQLExecutor.failure(code: "GRAPHQL_VALIDATION_FAILED")))
        }

        /// Checks `selections` against `type`; returns their cost.
        mutating func check(_ selections: [GraphQLSelection], on type: String) -> Int {
            var cost = 0
            for selection in selections {
                switch selection {
                case .field(let field):
                    cost += check(field, on: type)
                case .fragmentSpread(let name, let location):
                    guard let fragment = document.fragments[name] else {
                        problem("Unknown fragment \"\(name)\".", at: location)
                        continue
                    }
                    guard fragmentsInUse.insert(name).inserted else {
                        problem("Cannot spread fragment \"\(name)\" within itself.", at: location)
                        continue
                    }
                    cost += check(fragment.selections, on: fragment.typeCondition)
                    fragmentsInUse.remove(name)
                case .inlineFragment(let condition, let inner):
                    cost += check(inner, on: condition ?? type)
                }
            }
            return cost
        }

        mutating func check(_ field: GraphQLField, on type: String) -> Int {
            if field.name == "__typename" { return 0 }
            guard let spec = schema.objects[type]?[field.name] else {
                problem("Cannot query field \"\(field.name)\" on type \"\(type)\".", at: field.location)
                return 0
            }
            for (argument, value) in field.arguments {
                guard spec.arguments.contains(argument) else {
                    problem("Unknown argument \"\(argument)\" on field \"\(type).\(field.name)\".", at: field.location)
                    continue
                }
                checkVariables(in: value, at: field.location)
                if argument == "filter", let input = Self.filterType(spec.type) {
                    checkInput(Execution.json(value, variables: variables), type: input, at: field.location)
                }
            }
            let named = GraphQLSchema.named(spec.type)
            if schema.isLeaf(spec.type) {
                if !field.selections.isEmpty {
                    problem(
                        "Field \"\(field.name)\" must not have a selection since type \"\(spec.type)\" has no subfields.",
                        at: field.location)
                }
                return 0
            }
            guard !field.selections.isEmpty else {
                problem(
                    "Field \"\(field.name)\" of type \"\(spec.type)\" must have a selection of subfields. Did you mean \"\(field.name) { ... }\"?",
                    at: field.location)
                return 0
            }
            let inner = check(field.selections, on: named)
            if named.hasSuffix("Connection") {
                let first = Execution.json(field.arguments["first"] ?? .null, variables: variables).intValue
                return (first ?? GraphQLExecutor.defaultPageSize) * max(1, inner)
            }
            return 1 + inner
        }

        /// The input type a connection's `filter` takes (`IssueConnection` → `IssueFilter`).
        static func filterType(_ type: String) -> String? {
            let named = GraphQLSchema.named(type)
            guard named.hasSuffix("Connection") else { return nil }
            return String(named.dropLast("Connection".count)) + "Filter"
        }

        mutating func checkVariables(in value: GraphQLValue, at location: GraphQLLocation) {
            switch value {
            case .variable(let name):
                if !operation.variables.contains(where: { $0.name == name }) {
                    problem("Variable \"$\(name)\" is not defined.", at: location)
                }
            case .list(let items): for item in items { checkVariables(in: item, at: location) }
            case .object(let members): for member in members.values { checkVariables(in: member, at: location) }
            default: break
            }
        }

        /// An input object's keys against its type's fields (types the schema does not list pass).
        mutating func checkInput(_ value: JSONValue, type: String, at location: GraphQLLocation) {
            guard let fields = schema.inputs[type], case .object(let members) = value else { return }
            for (key, member) in members {
                guard let fieldType = fields[key] else {
                    problem("Field \"\(key)\" is not defined by type \"\(type)\".", at: location)
                    continue
                }
                let named = GraphQLSchema.named(fieldType)
                if GraphQLSchema.isList(fieldType), case .array(let items) = member {
                    for item in items { checkInput(item, type: named, at: location) }
                } else {
                    checkInput(member, type: named, at: location)
                }
            }
        }
    }

    // MARK: Execution

    private struct Execution {
        let document: GraphQLDocument
        let variables: [String: JSONValue]
        var errors: [GraphQLError] = []

        static func json(_ value: GraphQLValue, variables: [String: JSONValue]) -> JSONValue {
            switch value {
            case .variable(let name): return variables[name] ?? .null
            case .int(let text), .float(let text): return Double(text).map(JSONValue.number) ?? .null
            case .string(let text), .enumValue(let text): return .string(text)
            case .boolean(let flag): return .bool(flag)
            case .null: return .null
            case .list(let items): return .array(items.map { json($0, variables: variables) })
            case .object(let members): return .object(members.mapValues { json($0, variables: variables) })
            }
        }

        mutating func select(_ selections: [GraphQLSelection], on object: any GraphQLResolvable, path: [String])
            -> JSONValue
        {
            var result: [String: JSONValue] = [:]
            collect(selections, on: object, path: path, into: &result)
            return .object(result)
        }

        mutating func collect(
            _ selections: [GraphQLSelection], on object: any GraphQLResolvable, path: [String],
            into result: inout [String: JSONValue]
        ) {
            for selection in selections {
                switch selection {
                case .field(let field):
                    let key = field.responseKey
                    if field.name == "__typename" {
                        result[key] = .string(object.typeName)
                        continue
                    }
                    let arguments = field.arguments.mapValues { Self.json($0, variables: variables) }
                    do {
                        let output = try object.resolve(field.name, arguments: arguments)
                        result[key] = value(output, field: field, path: path + [key])
                    } catch {
                        var failure = error
                        failure.path = path + [key]
                        failure.locations = [field.location]
                        errors.append(failure)
                        result[key] = .null
                    }
                case .fragmentSpread(let name, _):
                    guard let fragment = document.fragments[name], fragment.typeCondition == object.typeName
                    else { continue }
                    collect(fragment.selections, on: object, path: path, into: &result)
                case .inlineFragment(let condition, let inner):
                    guard condition == nil || condition == object.typeName else { continue }
                    collect(inner, on: object, path: path, into: &result)
                }
            }
        }

        mutating func value(_ output: GraphQLOutput, field: GraphQLField, path: [String]) -> JSONValue {
            switch output {
            case .value(let value): return value
            case .object(let object):
                guard let object else { return .null }
                return select(field.selections, on: object, path: path)
            case .objects(let objects):
                return .array(
                    objects.enumerated().map { index, object in
                        select(field.selections, on: object, path: path + [String(index)])
                    })
            }
        }
    }
}
