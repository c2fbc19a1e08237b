import ImportCore
import WorkspaceStore

/// `tributary jobs show ID --changes`: what one job created, changed and deleted, row by row.
enum JobChangesView {
    /// Prints job `job`'s changes (at most `limit` rows listed, every one counted).
    static func show(_ job: ImportJob, workspace: Workspace, limit: Int, context: CommandContext) throws -> ExitCode {
        let owner = try context.owner(in: workspace)
        let summary = try workspace.changeSummary(owner: owner, jobID: job.id)
        let entries = try workspace.changes(owner: owner, jobID: job.id, limit: limit)
        let total = summary.reduce(0) { $0 + $1.entries }
        if context.json {
            context.console.json([
                "job": .number(Double(job.id)),
                "summary": .array(
                    summary.map {
                        [
                            "table": .string($0.table), "action": .string($0.action.rawValue),
                            "rows": .number(Double($0.rows)), "entries": .number(Double($0.entries)),
                        ]
                    }),
                "changes": .array(
                    try entries.map { entry in
                        [
                            "table": .string(entry.table), "rowId": .number(Double(entry.rowID)),
                            "action": .string(entry.action.rawValue),
                            "label": JSONValue(try workspace.label(of: entry)),
                            "before": entry.before ?? .null,
                        ]
                    }),
                "truncated": .bool(entries.count < total),
            ])
            return .ok
        }
        context.console.out("job \(job.id): \(JobsCommand.describe(job)), started \(job.startedAt)")
        guard !summary.isEmpty else {
            context.console.out("  no changes journaled (a no-op run, or a job from before change journals)")
            return .ok
        }
        context.console.out(
            "  " + RevertCommand.describe(summary).replacingOccurrences(of: "removes", with: "a revert removes"))
        let verbs: [JournalEntry.Action: String] = [.insert: "created", .update: "changed", .delete: "deleted"]
        for entry in entries {
            let label = try workspace.label(of: entry).map { " \($0)" } ?? ""
            context.console.out("  \(verbs[entry.action] ?? "") \(entry.table) \(entry.rowID)\(label)")
        }
        if entries.count < total {
            context.console.out("  … \(total - entries.count) more (--limit N, or --json)")
        }
        return .ok
    }
}
