import Foundation

/// Reads a mapping table from JSON, collecting every problem (with its JSON path) instead of stopping
/// at the first, then runs the semantic checks of `MappingValidator`.
public enum MappingParser {
    static let topLevelKeys =
        ["format", "provider", "description", "params", "customFields", "record", "people", "$schema"]
        + RecordKind.allCases.map(\.rawValue)
    static let recordKeys = ["each", "within", "where", "limit", "fields", "description"]
    static let ruleKeys = [
        "target", "from", "when", "rules", "transforms", "map", "default", "required", "type", "description",
    ]
    static let mapKeys = ["cases", "default", "whenMissing", "passthrough", "caseSensitive"]
    static let conditionOperators = ["equals", "notEquals", "in", "notIn", "matches", "contains", "exists"]

    /// Loads and validates the table at `path`.
    public static func load(path: String, fields: [SourceField]? = nil) throws -> MappingTable {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw MappingValidationError(
                origin: path,
                problems: [MappingProblem(path: "$", message: "cannot read the file (missing or unreadable)")])
        }
        return try parse(data, origin: path, fields: fields)
    }

    /// Parses and validates a table; throws `MappingValidationError` listing every problem.
    public static func parse(_ data: Data, origin: String, fields: [SourceField]? = nil) throws -> MappingTable {
        let json: JSONValue
        do {
            json = try JSONParser.parse(data)
        } catch {
            throw MappingValidationError(
                origin: origin, problems: [MappingProblem(path: "$", message: "not JSON: \(error.described(in: data))")]
            )
        }
        var reader = DocumentReader()
        let table = reader.mappingTable(json, origin: origin)
        var problems = reader.problems
        if let table {
            problems += MappingValidator.validate(table, fields: fields)
        }
        guard problems.isEmpty, let table else { throw MappingValidationError(origin: origin, problems: problems) }
        return table
    }

}
