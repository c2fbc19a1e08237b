import Foundation

/// A run config that cannot be used: every problem found, each with its path.
public struct ConfigError: Error, Sendable, CustomStringConvertible, CategorizedError {
    public var category: ErrorCategory { .configuration }

    public let origin: String
    public let problems: [ConfigProblem]

    public init(origin: String, problems: [ConfigProblem]) {
        self.origin = origin
        self.problems = problems
    }

    public init(origin: String, path: String, message: String) {
        self.init(origin: origin, problems: [ConfigProblem(path: path, message: message)])
    }

    public var description: String {
        var lines = ["the config \(origin) has \(problems.count) problem\(problems.count == 1 ? "" : "s"):"]
        lines += problems.map { "  \($0)" }
        lines.append("  hint: docs/CONFIG.md describes every key; Config/jira.example.json is a complete example.")
        return lines.joined(separator: "\n")
    }
}
