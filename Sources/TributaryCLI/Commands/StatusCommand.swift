import Foundation
import ImportCore

/// `tributary status`: the configs `tributary sync` keeps in sync, and how their runs went.
enum StatusCommand {
    static let definition = CommandDefinition(
        name: "status", summary: "Show each synced config's last and next run, its outcome and failures in a row.",
        usage: ["status [--json]"],
        options: CommandDefinition.storeOptions, run: run)

    static func run(_ context: CommandContext) async throws -> ExitCode {
        let workspace = try context.openWorkspace(path: context.databasePath(), creating: false)
        let entries = try workspace.schedules.all()
        if context.json {
            context.console.json(
                .array(
                    entries.map { entry in
                        [
                            "owner": .string(entry.owner), "config": .string(entry.configPath),
                            "everySeconds": .number(entry.everySeconds), "runs": .number(Double(entry.runs)),
                            "failures": .number(Double(entry.failures)),
                            "failuresInRow": .number(Double(entry.failuresInRow)),
                            "lastStartedAt": JSONValue(entry.lastStartedAt),
                            "lastFinishedAt": JSONValue(entry.lastFinishedAt),
                            "lastOutcome": JSONValue(entry.lastOutcome), "lastMessage": JSONValue(entry.lastMessage),
                            "lastJobID": entry.lastJobID.map { .number(Double($0)) } ?? .null,
                            "nextRunAt": JSONValue(entry.nextRunAt),
                        ]
                    }))
            return .ok
        }
        if entries.isEmpty {
            context.console.out(
                "nothing is kept in sync yet: \(context.nextCommand(["sync", "CONFIG", "--every", "30m"]))")
            return .ok
        }
        var table = TextTable([
            "CONFIG", "OWNER", "EVERY", "RUNS", "LAST FINISHED", "OUTCOME", "FAILURES IN A ROW", "NEXT RUN",
        ])
        for entry in entries {
            table.add([
                (entry.configPath as NSString).lastPathComponent, entry.owner, "\(Int(entry.everySeconds)) s",
                String(entry.runs), entry.lastFinishedAt ?? "-", entry.lastOutcome ?? "-", String(entry.failuresInRow),
                entry.nextRunAt ?? "not scheduled",
            ])
        }
        context.console.out(table.render())
        for entry in entries where entry.failuresInRow > 0 {
            context.console.out("\((entry.configPath as NSString).lastPathComponent): \(entry.lastMessage ?? "")")
        }
        return .ok
    }
}
