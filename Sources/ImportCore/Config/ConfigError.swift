import Foundation

/// A run config that cannot be used: every problem found, each with its path.
public struct ConfigError: Error, Sendable, CustomStringConvertible, CategorizedError {
    /// A config that does not read is a configuration problem (exit 2).
    public var category: ErrorCategory { .configuration }

    /// The config's file.
    public let origin: String
    /// Every problem found, each with its JSON path.
    public let problems: [ConfigProblem]

    /// The problems of one config.
    public init(origin: String, problems: [ConfigProblem]) {
        self.origin = origin
        self.problems = problems
    }

    /// One problem at one path.
    public init(origin: String, path: String, message: String) {
        self.init(origin: origin, problems: [ConfigProblem(path: path, message: message)])
    }

    /// All problems, one per line, under the file's name.
    public var description: String {
        var lines = ["\(problems.count) problem\(problems.count == 1 ? "" : "s") in \(origin):"]
        lines += problems.map { "  \($0)" }
        lines.append(
            "  hint: docs/CONFIG.md describes every key; `tributary new-config NAME --container KEY` writes a working config."
        )
        return lines.joined(separator: "\n")
    }
}
