import Foundation
import ImportCore
import WorkspaceStore

/// One verb of the CLI: its help and what it runs.
public struct CommandDefinition: Sendable {
    /// The verb (`run`).
    public let name: String
    /// One line saying what it does.
    public let summary: String
    /// Usage lines, without the leading `tributary `.
    public let usage: [String]
    /// Longer help: what it does, examples.
    public let details: String
    /// The options it takes, besides `--json` and `--help`.
    public let options: [OptionSpec]
    /// Runs the verb; the exit code says how it went.
    public let run: @Sendable (CommandContext) async throws -> ExitCode

    /// A command.
    public init(
        name: String, summary: String, usage: [String], details: String = "", options: [OptionSpec],
        run: @escaping @Sendable (CommandContext) async throws -> ExitCode
    ) {
        self.name = name
        self.summary = summary
        self.usage = usage
        self.details = details
        self.options = options
        self.run = run
    }

    /// The options every store-touching verb takes.
    static let storeOptions: [OptionSpec] = [
        OptionSpec("db", value: "PATH", help: "Workspace database (default: $TRIBUTARY_DB, else ./tributary.sqlite)."),
        OptionSpec("owner", value: "EMAIL", help: "Act for this owner (default: $TRIBUTARY_OWNER)."),
    ]

    static let commonOptions: [OptionSpec] = [
        OptionSpec("json", help: "Print machine-readable JSON."),
        OptionSpec("help", short: "h", help: "Show this help."),
    ]

    var allOptions: [OptionSpec] { options + Self.commonOptions }

    var helpText: String {
        var lines = ["Usage:"]
        lines += usage.map { "  tributary \($0)" }
        lines.append("")
        lines.append(summary)
        if !details.isEmpty {
            lines.append("")
            lines.append(details)
        }
        lines.append("")
        lines.append("Options:")
        let rendered = allOptions.map { option -> (String, String) in
            var left = option.short.map { "-\($0), " } ?? "    "
            left += "--\(option.name)"
            if let value = option.value { left += " \(value)" }
            return (left, option.help)
        }
        let width = (rendered.map(\.0.count).max() ?? 0) + 2
        for (left, help) in rendered {
            lines.append("  " + left.padding(toLength: width, withPad: " ", startingAt: 0) + help)
        }
        return lines.joined(separator: "\n")
    }
}
