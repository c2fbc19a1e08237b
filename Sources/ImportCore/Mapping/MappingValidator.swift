/// The semantic checks of a parsed mapping table: known targets written once, required targets
/// always filled, value types that fit their targets, declared parameters and custom fields, and
/// (given the source's field list) custom fields that exist with a compatible type.
public enum MappingValidator {
    /// Every problem of `table`, checked against the source's fields when they are known.
    public static func validate(_ table: MappingTable, fields: [SourceField]? = nil) -> [MappingProblem] {
        var problems: [MappingProblem] = []
        func problem(_ path: String, _ message: String) {
            problems.append(MappingProblem(path: path, message: message))
        }

        for kind in RecordKind.allCases {
            guard let mapping = table.records[kind] else { continue }
            var written: [String: String] = [:]
            if let limit = mapping.limit { checkParameter(limit, at: "\(kind.rawValue).limit") }
            for each in mapping.eachPaths { checkAliases(each, at: "\(kind.rawValue).each") }
            for rule in mapping.rules {
                guard let target = TargetSchema.field(rule.target, for: kind) else {
                    let names = TargetSchema.fields(for: kind).map(\.name)
                    var message = "unknown target field \"\(rule.target)\" for \(kind.rawValue) records"
                    if let suggestion = closest(rule.target, names) {
                        message += "; did you mean \"\(suggestion)\"?"
                    } else {
                        message += " (known: \(names.joined(separator: ", "))\(kind == .task ? ", custom.<name>" : ""))"
                    }
                    problem("\(rule.location).target", message)
                    continue
                }
                if let earlier = written[rule.target] {
                    problem("\(rule.location).target", "target \"\(rule.target)\" is already written by \(earlier)")
                }
                written[rule.target] = rule.location
                for (offset, path) in rule.from.enumerated() {
                    checkAliases(
                        path, at: rule.from.count == 1 ? "\(rule.location).from" : "\(rule.location).from[\(offset)]")
                }
                for (offset, transform) in rule.transforms.enumerated() {
                    let at = "\(rule.location).transforms[\(offset)]"
                    switch transform {
                    case .truncate(let n), .multiply(let n), .divide(let n), .limit(let n): checkParameter(n, at: at)
                    default: break
                    }
                }
                let needsValue = target.required || rule.required
                if needsValue, let map = rule.map, !map.isTotal, rule.defaultValue == nil || rule.defaultValue == .null
                {
                    problem(
                        "\(rule.location).map",
                        "the target \"\(rule.target)\" is required: give the value map a \"default\" for values it does not list"
                    )
                }
                if let declared = rule.declaredType, !declared.canFeed(target.type),
                    !(declared == .text && target.type == .user)
                {
                    problem(
                        "\(rule.location).type",
                        "type mismatch: the rule declares \(declared.rawValue) but \(rule.target) stores \(target.type.rawValue)"
                    )
                }
                if let produced = producedType(rule, table: table), !produced.canFeed(target.type),
                    !(produced == .text && [.user, .date].contains(target.type))
                {
                    problem(
                        rule.location,
                        "type mismatch: the rule produces \(produced.rawValue) but \(kind.rawValue).\(rule.target) stores \(target.type.rawValue)"
                            + hint(produced, target.type))
                }
            }
            for field in TargetSchema.fields(for: kind) where field.required && written[field.name] == nil {
                problem("\(kind.rawValue).fields", "no rule writes the required target \"\(field.name)\"")
            }
        }

        if let fields {
            for (alias, spec) in table.customFields.sorted(by: { $0.key < $1.key }) {
                let at = "customFields.\(alias)"
                guard let field = resolve(spec, in: fields) else {
                    var candidates = spec.ids.map { "id \($0)" } + spec.names.map { "name \"\($0)\"" }
                    if candidates.isEmpty { candidates = ["nothing"] }
                    problem(
                        at,
                        "the source has no field with \(candidates.joined(separator: " or ")) (the connection's field list has \(fields.count) fields)"
                    )
                    continue
                }
                if let sourceType = field.type, let actual = fieldType(fromSource: sourceType),
                    !actual.canFeed(spec.type), !spec.type.canFeed(actual)
                {
                    problem(
                        "\(at).type",
                        "type mismatch: \(field.name) (\(field.id)) is \(sourceType) at the source, the table declares \(spec.type.rawValue)"
                    )
                }
            }
        }
        return problems

        func checkParameter(_ argument: NumberArgument, at path: String) {
            if case .parameter(let name) = argument, table.params[name] == nil {
                var message = "unknown parameter \"\(name)\""
                if let suggestion = closest(name, Array(table.params.keys)) {
                    message += "; did you mean \"\(suggestion)\"?"
                }
                problem(path, message + " (declare it under \"params\")")
            }
        }

        func checkAliases(_ path: SourcePath, at location: String) {
            for alias in path.aliases where table.customFields[alias] == nil {
                var message = "unknown custom field alias \"$\(alias)\""
                if let suggestion = closest(alias, Array(table.customFields.keys)) {
                    message += "; did you mean \"$\(suggestion)\"?"
                }
                problem(location, message + " (declare it under \"customFields\")")
            }
        }
    }

    static func hint(_ produced: FieldType, _ target: FieldType) -> String {
        switch (produced, target) {
        case (.text, .number), (.text, .integer): return "; add the \"number\" transform"
        case (.number, .text), (.integer, .text), (.boolean, .text): return "; add the \"text\" transform"
        case (_, .labels): return "; labels are a list of texts"
        default: return ""
        }
    }

    /// The type a rule's value has, when it can be known without data.
    static func producedType(_ rule: FieldRule, table: MappingTable) -> FieldType? {
        if let map = rule.map {
            let outputs = map.cases.map(\.to) + [map.defaultValue, map.whenMissing].compactMap { $0 }
            return commonType(outputs + rule.conditionalValues.map(\.value))
        }
        if !rule.conditionalValues.isEmpty, rule.from.isEmpty {
            return commonType(rule.conditionalValues.map(\.value) + [rule.defaultValue].compactMap { $0 })
        }
        if let last = rule.transforms.last(where: { $0.outputType != nil }), let type = last.outputType {
            return type
        }
        if rule.transforms.isEmpty, let path = rule.from.first, case .alias(let alias)? = path.segments.last,
            let spec = table.customFields[alias]
        {
            return spec.type
        }
        return nil
    }

    static func commonType(_ values: [JSONValue]) -> FieldType? {
        var types = Set<FieldType>()
        for value in values {
            switch value {
            case .null: continue
            case .string: types.insert(.text)
            case .number: types.insert(.number)
            case .bool: types.insert(.boolean)
            case .array: types.insert(.labels)
            case .object: types.insert(.json)
            }
        }
        return types.count == 1 ? types.first : nil
    }

    /// Jira's `schema.type` (with `array<items>`) to a declared type.
    static func fieldType(fromSource type: String) -> FieldType? {
        switch type {
        case "number": return .number
        case "string", "text", "url", "textarea": return .text
        case "date", "datetime": return .date
        case "user": return .user
        case "option", "option-with-child", "priority", "status", "issuetype", "resolution": return .select
        case "array<option>", "array<version>", "array<component>", "array<user>": return .multiSelect
        case "array<string>": return .labels
        default: return nil
        }
    }

    /// The source field a custom field spec stands for: by id first, then by display name.
    public static func resolve(_ spec: CustomFieldSpec, in fields: [SourceField]) -> SourceField? {
        for id in spec.ids {
            if let field = fields.first(where: { $0.id == id }) { return field }
        }
        for name in spec.names {
            if let field = fields.first(where: { $0.name.caseInsensitiveCompare(name) == .orderedSame }) {
                return field
            }
        }
        return nil
    }

    static func closest(_ word: String, _ candidates: [String]) -> String? {
        Suggestions.closest(word, among: candidates)
    }
}
