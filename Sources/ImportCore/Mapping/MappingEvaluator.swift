/// Applies a mapping table to raw records.
public struct MappingEvaluator: Sendable {
    /// The table it evaluates.
    public let table: MappingTable
    /// The table's parameters with the run config's overrides applied.
    public let params: [String: JSONValue]
    /// Custom field aliases resolved to this source's field ids.
    public let fieldIDs: [String: String]

    /// - Parameters:
    ///   - overrides: the run config's `mapping.params`.
    ///   - fields: the source's field list, to resolve custom fields named by display name.
    public init(table: MappingTable, overrides: [String: JSONValue] = [:], fields: [SourceField]? = nil) {
        self.table = table
        self.params = table.params.merging(overrides) { $1 }
        self.fieldIDs = table.resolveFieldIDs(fields)
    }

    /// Maps one raw record to target values (and, with `trace`, each rule's input and output).
    public func map(_ record: JSONValue, trace: Bool = false) throws(MappingError) -> (MappedRecord, [RuleTrace]) {
        var traces: [RuleTrace] = []
        let label = self.label(of: record)
        guard case .object = record else {
            throw MappingError(
                record: label, location: "task", message: "expected a record object, found \(record.typeName)")
        }
        let rootContext = EvaluationContext(
            root: record, item: record, params: params, fieldIDs: fieldIDs, people: table.people)
        var result = MappedRecord(fields: [:], children: [:])
        if let mapping = table.records[.task] {
            result.fields = try apply(
                mapping, kind: .task, context: rootContext, label: label, trace: trace, into: &traces)
        }
        for kind in RecordKind.allCases where kind != .task {
            guard let mapping = table.records[kind], mapping.each != nil else { continue }
            var elements = self.elements(of: mapping, in: record)
            if let filter = mapping.filter {
                elements = elements.filter {
                    filter.evaluate(
                        EvaluationContext(
                            root: record, item: $0.item, params: params, fieldIDs: fieldIDs, people: table.people,
                            group: $0.group))
                }
            }
            if let limit = mapping.limit {
                let count: Double
                do {
                    count = try limit.resolve(params)
                } catch {
                    throw MappingError(record: label, location: "\(kind.rawValue).limit", message: error.message)
                }
                elements = Array(elements.prefix(max(0, Int(count))))
            }
            var rows: [[String: JSONValue]] = []
            for (index, element) in elements.enumerated() {
                let context = EvaluationContext(
                    root: record, item: element.item, params: params, fieldIDs: fieldIDs, people: table.people,
                    group: element.group)
                var row = try apply(
                    mapping, kind: kind, context: context, label: label, trace: trace && index == 0, into: &traces)
                row["position"] = .number(Double(index))
                rows.append(row)
            }
            result.children[kind] = rows
        }
        return (result, traces)
    }

    /// The elements a child mapping maps, each with its enclosing `within` element when it has one.
    private func elements(of mapping: RecordMapping, in record: JSONValue) -> [(item: JSONValue, group: JSONValue?)] {
        func list(_ found: JSONValue?) -> [JSONValue] { found.map { $0.arrayValue ?? [$0] } ?? [] }
        return mapping.eachPaths.flatMap { each -> [(item: JSONValue, group: JSONValue?)] in
            guard let within = mapping.within else {
                return list(each.evaluate(item: record, root: record, fieldIDs: fieldIDs)).map { ($0, nil) }
            }
            return list(within.evaluate(item: record, root: record, fieldIDs: fieldIDs)).flatMap { group in
                list(each.evaluate(item: group, root: record, fieldIDs: fieldIDs, group: group)).map { ($0, group) }
            }
        }
    }

    private func apply(
        _ mapping: RecordMapping, kind: RecordKind, context: EvaluationContext, label: String?, trace: Bool,
        into traces: inout [RuleTrace]
    ) throws(MappingError) -> [String: JSONValue] {
        var values = [String: JSONValue](minimumCapacity: mapping.rules.count + 1)
        for rule in mapping.rules {
            let (input, output) = try evaluate(rule, context: context, label: label)
            if let output { values[rule.target] = output }
            if trace {
                traces.append(
                    RuleTrace(
                        kind: kind, location: rule.location, target: rule.target,
                        source: rule.from.isEmpty
                            ? (rule.conditionalValues.isEmpty ? "(default)" : "(rules)")
                            : rule.from.map(\.text).joined(separator: " | "),
                        input: input, output: output))
            }
        }
        return values
    }

    private func evaluate(_ rule: FieldRule, context: EvaluationContext, label: String?) throws(MappingError) -> (
        JSONValue?, JSONValue?
    ) {
        func fail(_ message: String) -> MappingError {
            MappingError(record: label, location: rule.location, message: "\(rule.target): \(message)")
        }
        var input: JSONValue?
        var usedPath: SourcePath?
        for path in rule.from {
            // A list path that found nothing falls through to the next path, like a missing value.
            if let found = context.read(path), found != .array([]) || path == rule.from.last {
                input = found
                usedPath = path
                break
            }
        }
        if let guardCondition = rule.guardCondition, !guardCondition.evaluate(context) {
            return (input, nil)
        }
        for conditional in rule.conditionalValues where conditional.condition.evaluate(context) {
            return (input, conditional.value)
        }
        if let input, let usedPath, case .alias(let alias)? = usedPath.segments.last,
            let spec = table.customFields[alias]
        {
            if let problem = MappingEvaluator.shapeProblem(input, expected: spec.type) {
                throw fail("custom field $\(alias) (\(fieldIDs[alias] ?? "?")): \(problem)")
            }
        }
        var value = input
        for transform in rule.transforms {
            do {
                value = try transform.apply(value, context: context)
            } catch {
                throw fail("\(transform.name): \(error.message)")
            }
        }
        if let map = rule.map { value = map.apply(value) }
        if value == nil || value == .null { value = rule.defaultValue }
        if value == .null { value = nil }
        if rule.required, value == nil {
            throw fail("required but empty (read \(rule.from.map(\.text).joined(separator: " | ")))")
        }
        return (input, value)
    }

    /// Whether a custom field's value has the declared type's shape; a message when not.
    static func shapeProblem(_ value: JSONValue, expected: FieldType) -> String? {
        let ok: Bool
        switch expected {
        case .text: ok = value.stringValue != nil
        case .number: ok = value.doubleValue != nil || Double(value.stringValue ?? "x") != nil
        case .integer: ok = value.intValue != nil
        case .boolean: ok = value.boolValue != nil
        case .date: ok = value.stringValue.flatMap(Timestamp.parse) != nil
        case .user: ok = value.objectValue != nil || value.stringValue != nil
        case .select: ok = value["value"] != nil || value["name"] != nil || value.stringValue != nil
        case .multiSelect: ok = value.arrayValue != nil
        case .labels: ok = value.arrayValue?.allSatisfy { $0.stringValue != nil } ?? false
        case .json: ok = true
        }
        if ok { return nil }
        let shown = value.jsonText
        return
            "expected \(expected.rawValue), found \(value.typeName) \(shown.count > 60 ? String(shown.prefix(60)) + "…" : shown)"
    }

    /// A record's label (its key, or its id), read where the table's identity says, for messages.
    public func label(of record: JSONValue) -> String? {
        first(table.identity.label, in: record) ?? externalID(of: record)
    }

    /// A record's immutable id, read where the table's identity says.
    public func externalID(of record: JSONValue) -> String? { first(table.identity.id, in: record) }

    private func first(_ paths: [SourcePath], in record: JSONValue) -> String? {
        for path in paths {
            if let text = path.evaluate(item: record, root: record, fieldIDs: fieldIDs)?.scalarText, !text.isEmpty {
                return text
            }
        }
        return nil
    }
}
