import ImportCore

/// `tributary audit`: the owner's audit log.
enum AuditCommand {
    static let definition = CommandDefinition(
        name: "audit",
        summary: "Show the audit log: connects, rotations, revocations, import starts, ends and failures.",
        usage: ["audit [--since DATE] [--limit N]"],
        options: [
            OptionSpec("since", value: "DATE", help: "Only entries at or after DATE (2024-05-01 or ISO-8601)."),
            OptionSpec("limit", value: "N", help: "At most N entries, the newest (default 100)."),
        ] + CommandDefinition.storeOptions,
        run: run)

    static func run(_ context: CommandContext) async throws -> ExitCode {
        var since: String?
        if let text = context.arguments.value("since") {
            guard let stamp = Timestamp.parse(text) else {
                throw CLIError.usage("--since takes a date such as 2024-05-01, not \"\(text)\"")
            }
            since = stamp.iso8601
        }
        let workspace = try context.openWorkspace(path: context.databasePath(), creating: false)
        let owner = try context.owner(in: workspace)
        let entries = try workspace.audit.list(
            owner: owner, since: since, limit: try context.arguments.int("limit", in: 1...10_000) ?? 100)
        if context.json {
            context.console.json(
                JSONValue.array(
                    entries.map {
                        [
                            "at": .string($0.at), "action": .string($0.action), "subject": JSONValue($0.subject),
                            "detail": $0.detail,
                        ]
                    }))
            return .ok
        }
        var table = TextTable(["AT", "ACTION", "SUBJECT", "DETAIL"])
        table.maxCellWidth = 80
        for entry in entries { table.add([entry.at, entry.action, entry.subject ?? "", entry.detail.jsonText]) }
        context.console.out(entries.isEmpty ? "no audit entries" : table.render())
        return .ok
    }
}
