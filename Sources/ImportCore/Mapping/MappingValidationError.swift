/// A problem in a mapping table, with the JSON path of the offending part.
public typealias MappingProblem = DocumentProblem

/// A mapping table that cannot be used: every problem found, each with its path.
public struct MappingValidationError: Error, Sendable, CustomStringConvertible, CategorizedError {
    /// A table that does not validate is a configuration problem (exit 2).
    public var category: ErrorCategory { .configuration }

    /// The table's file or name.
    public let origin: String
    /// Every problem found, each with its JSON path.
    public let problems: [MappingProblem]

    /// The problems of one table.
    public init(origin: String, problems: [MappingProblem]) {
        self.origin = origin
        self.problems = problems
    }

    /// All problems, one per line, under the table's name.
    public var description: String {
        var lines = ["the mapping table \(origin) has \(problems.count) problem\(problems.count == 1 ? "" : "s"):"]
        lines += problems.map { "  \($0)" }
        lines.append(
            "  hint: fix them and check again with `tributary mapping check \(origin)`; docs/MAPPING.md describes the format."
        )
        return lines.joined(separator: "\n")
    }
}
