import Foundation

extension DocumentReader {
    /// A mapping table read from `json`, every problem recorded; `nil` when it cannot be built.
    mutating func mappingTable(_ json: JSONValue, origin: String) -> MappingTable? {
        guard let object = json.objectValue else {
            problem("$", "a mapping table is a JSON object, found \(json.typeName)")
            return nil
        }
        checkKeys(object, allowed: MappingParser.topLevelKeys, at: "")
        var format = 0
        switch object["format"] {
        case .some(.number(let n)) where n == Double(MappingTable.supportedFormat): format = Int(n)
        case .some(let value):
            problem(
                "format",
                "unsupported format \(value.jsonText); this version reads format \(MappingTable.supportedFormat)")
        case .none:
            problem("format", "missing: add \"format\": \(MappingTable.supportedFormat)")
        }
        var provider = ""
        if let value = object["provider"] {
            if let text = value.stringValue, !text.isEmpty {
                provider = text
            } else {
                problem("provider", "must be a provider id such as \"jira\"")
            }
        } else {
            problem("provider", "missing: add \"provider\": \"jira\" (or asana, linear, clickup)")
        }
        var params: [String: JSONValue] = [:]
        if let value = object["params"] {
            if let members = value.objectValue {
                for (name, spec) in members {
                    if case .object(let details) = spec {
                        checkKeys(details, allowed: ["default", "description", "type"], at: "params.\(name)")
                        params[name] = details["default"] ?? .null
                    } else {
                        params[name] = spec
                    }
                }
            } else {
                problem("params", "must be an object of parameter names to default values")
            }
        }
        var customFields: [String: CustomFieldSpec] = [:]
        if let value = object["customFields"] {
            if let members = value.objectValue {
                for (alias, spec) in members.sorted(by: { $0.key < $1.key }) {
                    if let field = customField(alias, spec, at: "customFields.\(alias)") {
                        customFields[alias] = field
                    }
                }
            } else {
                problem("customFields", "must be an object of aliases to {\"ids\", \"names\", \"type\"}")
            }
        }
        var records: [RecordKind: RecordMapping] = [:]
        for kind in RecordKind.allCases {
            guard let value = object[kind.rawValue] else { continue }
            if let mapping = recordMapping(kind, value) { records[kind] = mapping }
        }
        if object[RecordKind.task.rawValue] == nil {
            problem("task", "missing: every table maps the task record")
        }
        let identity = object["record"].flatMap { recordIdentity($0, at: "record") }
        let people = object["people"].flatMap { peopleShape($0, at: "people") } ?? .common
        return MappingTable(
            format: format, provider: provider, description: object["description"]?.stringValue, params: params,
            customFields: customFields, records: records, identity: identity, people: people, origin: origin)
    }

    /// `"record": {"id": path(s), "label": path(s), "children": {"comment": path, …}}`.
    mutating func recordIdentity(_ value: JSONValue, at path: String) -> RecordIdentity? {
        guard let object = value.objectValue else {
            problem(path, "must be an object with \"id\", \"label\" and \"children\"")
            return nil
        }
        checkKeys(object, allowed: ["id", "label", "children", "description"], at: path)
        func paths(_ key: String) -> [SourcePath] {
            guard let value = object[key] else { return [] }
            let texts = value.arrayValue ?? [value]
            return texts.enumerated().compactMap { offset, text in
                sourcePath(text, at: value.arrayValue == nil ? join(path, key) : "\(join(path, key))[\(offset)]")
            }
        }
        let id = paths("id")
        if id.isEmpty { problem(join(path, "id"), "missing: the path of the record's immutable id, e.g. \"id\"") }
        var children: [RecordKind: String] = [:]
        if let value = object["children"] {
            if let members = value.objectValue {
                for (name, source) in members.sorted(by: { $0.key < $1.key }) {
                    let at = join(join(path, "children"), name)
                    guard let kind = RecordKind(rawValue: name), kind != .task else {
                        var message = "unknown child kind \"\(name)\""
                        if let suggestion = closest(name, RecordKind.childKinds.map(\.rawValue)) {
                            message += "; did you mean \"\(suggestion)\"?"
                        }
                        problem(at, message)
                        continue
                    }
                    if let text = source.stringValue, sourcePath(source, at: at) != nil {
                        children[kind] = text
                    }
                }
            } else {
                problem(
                    join(path, "children"),
                    "must map child kinds to source paths, e.g. {\"comment\": \"fields.comment\"}")
            }
        }
        return RecordIdentity(id: id, label: paths("label"), childSources: children)
    }

    /// `"people": {"id": key(s), "email": key(s), "name": key(s)}`.
    mutating func peopleShape(_ value: JSONValue, at path: String) -> PeopleShape? {
        guard let object = value.objectValue else {
            problem(path, "must be an object with \"id\", \"email\" and \"name\" keys")
            return nil
        }
        checkKeys(object, allowed: ["id", "email", "name", "description"], at: path)
        let id = stringList(object["id"], at: join(path, "id"))
        let email = stringList(object["email"], at: join(path, "email"))
        let name = stringList(object["name"], at: join(path, "name"))
        if id.isEmpty && email.isEmpty && name.isEmpty { problem(path, "name at least one key") }
        return PeopleShape(id: id, email: email, name: name)
    }

    mutating func customField(_ alias: String, _ value: JSONValue, at path: String) -> CustomFieldSpec? {
        guard let object = value.objectValue else {
            problem(path, "must be an object with \"ids\" and/or \"names\" and a \"type\"")
            return nil
        }
        checkKeys(object, allowed: ["id", "ids", "name", "names", "type", "description"], at: path)
        var ids = stringList(object["ids"], at: join(path, "ids"))
        if let id = object["id"]?.stringValue { ids.insert(id, at: 0) }
        var names = stringList(object["names"], at: join(path, "names"))
        if let name = object["name"]?.stringValue { names.insert(name, at: 0) }
        if ids.isEmpty && names.isEmpty { problem(path, "give at least one id or name") }
        guard let typeName = object["type"]?.stringValue else {
            problem(
                join(path, "type"),
                "missing: declare the field's type (\(FieldType.allCases.map(\.rawValue).joined(separator: ", ")))")
            return nil
        }
        guard let type = FieldType(rawValue: typeName) else {
            var message = "unknown type \"\(typeName)\""
            if let suggestion = closest(typeName, FieldType.allCases.map(\.rawValue)) {
                message += "; did you mean \"\(suggestion)\"?"
            }
            problem(join(path, "type"), message)
            return nil
        }
        return CustomFieldSpec(alias: alias, ids: ids, names: names, type: type)
    }

    mutating func recordMapping(_ kind: RecordKind, _ value: JSONValue) -> RecordMapping? {
        let path = kind.rawValue
        guard let object = value.objectValue else {
            problem(path, "must be an object with \"fields\"")
            return nil
        }
        checkKeys(object, allowed: MappingParser.recordKeys, at: path)
        var each: [SourcePath] = []
        if let value = object["each"] {
            // One path, or a list of them whose elements are mapped one after another.
            let values = value.arrayValue ?? [value]
            if values.isEmpty { problem(join(path, "each"), "an empty list selects nothing: name at least one path") }
            for (offset, element) in values.enumerated() {
                let at = value.arrayValue == nil ? join(path, "each") : "\(join(path, "each"))[\(offset)]"
                guard let found = sourcePath(element, at: at) else { continue }
                if !found.hasWildcard {
                    problem(at, "must select an array with [*], e.g. \"fields.comment.comments[*]\"")
                }
                each.append(found)
            }
        } else if kind != .task {
            problem(
                join(path, "each"),
                "missing: child records map each element of an array, e.g. \"each\": \"fields.comment.comments[*]\""
            )
        }
        if kind == .task, object["each"] != nil {
            problem(
                join(path, "each"), "the task record is the source record itself; \"each\" is for child records")
        }
        var within: SourcePath?
        if let value = object["within"] {
            within = sourcePath(value, at: join(path, "within"))
            if let within, !within.hasWildcard {
                problem(join(path, "within"), "must select an array with [*], e.g. \"changelog.histories[*]\"")
            }
            if kind == .task {
                problem(join(path, "within"), "\"within\" nests child records; the task record is the record itself")
            }
        }
        var filter: Condition?
        if let value = object["where"] {
            filter = condition(value, at: join(path, "where"))
            if kind == .task {
                problem(join(path, "where"), "\"where\" filters child records; the task record is always mapped")
            }
        }
        var limit: NumberArgument?
        if let value = object["limit"] {
            limit = numberArgument(value, at: join(path, "limit"))
        }
        guard let fields = object["fields"]?.arrayValue else {
            problem(join(path, "fields"), "missing: a list of field rules")
            return RecordMapping(eachPaths: each, within: within, filter: filter, limit: limit, rules: [])
        }
        var rules: [FieldRule] = []
        for (offset, element) in fields.enumerated() {
            if let rule = fieldRule(element, at: "\(path).fields[\(offset)]") { rules.append(rule) }
        }
        return RecordMapping(eachPaths: each, within: within, filter: filter, limit: limit, rules: rules)
    }

    mutating func numberArgument(_ value: JSONValue, at path: String) -> NumberArgument? {
        if let number = value.doubleValue {
            guard number >= 0, number == number.rounded() else {
                problem(path, "must be a whole number ≥ 0")
                return nil
            }
            return .literal(number)
        }
        if let name = value.stringValue, !name.isEmpty { return .parameter(name) }
        problem(path, "must be a number or a parameter name")
        return nil
    }

    mutating func sourcePath(_ value: JSONValue, at path: String) -> SourcePath? {
        guard let text = value.stringValue else {
            problem(path, "a source path is a text such as \"fields.summary\", found \(value.typeName)")
            return nil
        }
        do {
            return try SourcePath(parsing: text)
        } catch {
            problem(path, "bad path \"\(text)\": \(error.message) (at character \(error.offset + 1))")
            return nil
        }
    }

    mutating func fieldRule(_ value: JSONValue, at path: String) -> FieldRule? {
        guard let object = value.objectValue else {
            problem(path, "a field rule is an object with \"target\" and \"from\" (or \"rules\"/\"default\")")
            return nil
        }
        checkKeys(object, allowed: MappingParser.ruleKeys, at: path)
        guard let target = object["target"]?.stringValue, !target.isEmpty else {
            problem(join(path, "target"), "missing: the field this rule writes")
            return nil
        }
        var from: [SourcePath] = []
        switch object["from"] {
        case .some(.array(let elements)):
            for (offset, element) in elements.enumerated() {
                if let sourcePath = sourcePath(element, at: "\(path).from[\(offset)]") { from.append(sourcePath) }
            }
        case .some(let single):
            if let sourcePath = sourcePath(single, at: join(path, "from")) { from.append(sourcePath) }
        case .none: break
        }
        var guardCondition: Condition?
        if let value = object["when"] { guardCondition = condition(value, at: join(path, "when")) }
        var conditional: [ConditionalValue] = []
        if let value = object["rules"] {
            if let elements = value.arrayValue {
                for (offset, element) in elements.enumerated() {
                    let at = "\(path).rules[\(offset)]"
                    guard let entry = element.objectValue else {
                        problem(at, "a rule is {\"when\": condition, \"value\": value}")
                        continue
                    }
                    checkKeys(entry, allowed: ["when", "value", "description"], at: at)
                    guard let whenValue = entry["when"] else {
                        problem(join(at, "when"), "missing: the condition")
                        continue
                    }
                    guard let result = entry["value"] else {
                        problem(join(at, "value"), "missing: the value to write when the condition holds")
                        continue
                    }
                    if let parsed = condition(whenValue, at: join(at, "when")) {
                        conditional.append(ConditionalValue(condition: parsed, value: result))
                    }
                }
            } else {
                problem(join(path, "rules"), "must be a list of {\"when\", \"value\"}")
            }
        }
        var transforms: [Transform] = []
        if let value = object["transforms"] {
            if let elements = value.arrayValue {
                for (offset, element) in elements.enumerated() {
                    if let transform = transform(element, at: "\(path).transforms[\(offset)]") {
                        transforms.append(transform)
                    }
                }
            } else {
                problem(join(path, "transforms"), "must be a list such as [\"adfToText\", \"truncate(200)\"]")
            }
        }
        var map: ValueMap?
        if let value = object["map"] { map = valueMap(value, at: join(path, "map")) }
        var declared: FieldType?
        if let typeName = object["type"]?.stringValue {
            declared = FieldType(rawValue: typeName)
            if declared == nil {
                var message = "unknown type \"\(typeName)\""
                if let suggestion = closest(typeName, FieldType.allCases.map(\.rawValue)) {
                    message += "; did you mean \"\(suggestion)\"?"
                }
                problem(join(path, "type"), message)
            }
        }
        var required = false
        if let value = object["required"] {
            if let flag = value.boolValue {
                required = flag
            } else {
                problem(join(path, "required"), "must be true or false")
            }
        }
        if from.isEmpty, conditional.isEmpty, object["default"] == nil, object["from"] == nil {
            problem(path, "the rule reads nothing: give \"from\", \"rules\" or \"default\"")
        }
        return FieldRule(
            target: target, from: from, guardCondition: guardCondition, conditionalValues: conditional,
            transforms: transforms, map: map, defaultValue: object["default"], required: required,
            declaredType: declared, location: path)
    }

    mutating func transform(_ value: JSONValue, at path: String) -> Transform? {
        let result: Result<Transform, TransformParseError>
        switch value {
        case .string(let text): result = Transform.parse(text)
        case .object(let members) where members.count == 1:
            guard let (name, argument) = members.first.map({ ($0.key, $0.value) }) else { return nil }
            result = Transform.parse(name: name, argument: argument)
        default:
            problem(path, "a transform is \"name\", \"name(argument)\" or {\"name\": argument}")
            return nil
        }
        switch result {
        case .success(let transform): return transform
        case .failure(let error):
            problem(path, error.message)
            return nil
        }
    }

    mutating func valueMap(_ value: JSONValue, at path: String) -> ValueMap? {
        guard let object = value.objectValue else {
            problem(path, "a value map is {\"cases\": …, \"default\": …}")
            return nil
        }
        checkKeys(object, allowed: MappingParser.mapKeys, at: path)
        var cases: [(from: [String], to: JSONValue)] = []
        switch object["cases"] {
        case .some(.object(let members)):
            for (key, target) in members.sorted(by: { $0.key < $1.key }) { cases.append(([key], target)) }
        case .some(.array(let entries)):
            for (offset, entry) in entries.enumerated() {
                let at = "\(path).cases[\(offset)]"
                guard let object = entry.objectValue, let target = object["to"] else {
                    problem(at, "a case is {\"from\": [values], \"to\": value}")
                    continue
                }
                checkKeys(object, allowed: ["from", "to"], at: at)
                let sources = stringList(object["from"], at: join(at, "from"))
                if sources.isEmpty { problem(join(at, "from"), "missing: the source values") }
                cases.append((sources, target))
            }
        case .some:
            problem(join(path, "cases"), "must be an object (\"source\": target) or a list of {\"from\", \"to\"}")
        case .none:
            problem(join(path, "cases"), "missing: the values to map")
        }
        var seen: [String: Int] = [:]
        for (offset, entry) in cases.enumerated() {
            for key in entry.from {
                let normalized = key.lowercased()
                if let earlier = seen[normalized], earlier != offset {
                    problem("\(path).cases", "\"\(key)\" is mapped twice")
                }
                seen[normalized] = offset
            }
        }
        return ValueMap(
            cases: cases, defaultValue: object["default"], whenMissing: object["whenMissing"],
            passthrough: object["passthrough"]?.boolValue ?? false,
            caseSensitive: object["caseSensitive"]?.boolValue ?? false)
    }

    mutating func condition(_ value: JSONValue, at path: String) -> Condition? {
        guard let object = value.objectValue else {
            problem(
                path,
                "a condition is an object: {\"path\", \"equals\"|\"matches\"|\"contains\"|…} or {\"all\"|\"any\": […]} or {\"not\": …}"
            )
            return nil
        }
        for combinator in ["all", "any"] {
            guard let list = object[combinator] else { continue }
            checkKeys(object, allowed: [combinator, "description"], at: path)
            guard let elements = list.arrayValue, !elements.isEmpty else {
                problem(join(path, combinator), "must be a non-empty list of conditions")
                return nil
            }
            var parts: [Condition] = []
            for (offset, element) in elements.enumerated() {
                if let part = condition(element, at: "\(path).\(combinator)[\(offset)]") { parts.append(part) }
            }
            return combinator == "all" ? .all(parts) : .any(parts)
        }
        if let inner = object["not"] {
            checkKeys(object, allowed: ["not", "description"], at: path)
            return condition(inner, at: join(path, "not")).map(Condition.not)
        }
        checkKeys(object, allowed: ["path", "description"] + MappingParser.conditionOperators, at: path)
        guard let pathValue = object["path"] else {
            problem(join(path, "path"), "missing: the source path to test")
            return nil
        }
        guard let source = sourcePath(pathValue, at: join(path, "path")) else { return nil }
        let operators = MappingParser.conditionOperators.filter { object[$0] != nil }
        guard operators.count == 1, let op = operators.first, let operand = object[op] else {
            problem(path, "give exactly one of \(MappingParser.conditionOperators.joined(separator: ", "))")
            return nil
        }
        switch op {
        case "equals", "in", "notEquals", "notIn":
            let values = stringList(operand, at: join(path, op))
            let base = Condition.equals(source, values)
            return op.hasPrefix("not") ? .not(base) : base
        case "matches":
            guard let pattern = operand.stringValue else {
                problem(join(path, op), "must be a regular expression text")
                return nil
            }
            do {
                return .matches(source, try CompiledPattern(pattern))
            } catch {
                problem(join(path, op), "invalid regular expression \"\(pattern)\"")
                return nil
            }
        case "contains":
            guard let needle = operand.scalarText else {
                problem(join(path, op), "must be a text")
                return nil
            }
            return .contains(source, needle)
        default:
            guard let flag = operand.boolValue else {
                problem(join(path, op), "must be true or false")
                return nil
            }
            return .exists(source, flag)
        }
    }
}
