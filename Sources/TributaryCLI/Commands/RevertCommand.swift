import ImportCore
import WorkspaceStore

/// `tributary revert JOB [--force]`: undoes one job's changes exactly, as a job of its own.
enum RevertCommand {
    static let definition = CommandDefinition(
        name: "revert", summary: "Undo what one import job changed: remove what it created, put back what it changed.",
        usage: ["revert JOB [--force]"],
        details: """
            Every job journals the rows it creates and the earlier state of the rows it updates or marks
            deleted, in the same transaction as the change; `tributary jobs show JOB --changes` lists them.
            A revert puts them back in one transaction, so the workspace is as it was before the job. When
            later jobs changed the same rows, it refuses and says which; --force reverts anyway, putting
            those rows back as they were before JOB. The revert is itself a job (audited; reverting it puts
            the changes back). Journals are kept 30 days (`tributary jobs prune --keep-days N`); the
            attachment files of reverted rows stay on disk as long as a journal could bring them back, and
            go when it is pruned.
            """,
        options: [OptionSpec("force", help: "Revert even over later jobs' changes to the same rows.")]
            + CommandDefinition.storeOptions,
        run: run)

    static func run(_ context: CommandContext) async throws -> ExitCode {
        let text = try context.singleArgument(
            hint: "give the job to revert: `tributary revert JOB` (`tributary jobs` lists them)")
        guard let jobID = Int64(text), jobID > 0 else {
            throw CLIError.usage("\"\(text)\" is not a job id; `tributary jobs` lists them")
        }
        let force = context.arguments.flag("force")
        let workspace = try context.openWorkspace(path: context.databasePath(), creating: false)
        let owner = try context.owner(in: workspace)
        let plan = try workspace.revertPlan(owner: owner, jobID: jobID)
        if !plan.laterChanges.isEmpty, !force {
            throw RevertRefusal.laterChanges(jobID: jobID, later: plan.laterChanges)
        }
        if !context.json {
            context.console.out(
                "reverting job \(jobID) (\(JobsCommand.describe(plan.job)), started \(plan.job.startedAt)): "
                    + describe(plan.summary))
            if !plan.laterChanges.isEmpty {
                context.console.out(
                    "--force: this also undoes later changes to the same rows: "
                        + plan.laterChanges.map(\.description).joined(separator: ", "))
            }
        }
        let outcome = try workspace.revert(owner: owner, jobID: jobID, force: force)
        if context.json {
            context.console.json([
                "revertedJob": .number(Double(outcome.revertedJobID)),
                "revertJob": .number(Double(outcome.revertJobID)),
                "removed": .number(Double(outcome.removed)), "restored": .number(Double(outcome.restored)),
                "reinserted": .number(Double(outcome.reinserted)),
                "laterChanges": .array(
                    outcome.laterChanges.map {
                        ["job": $0.jobID.map { .number(Double($0)) } ?? .null, "rows": .number(Double($0.rows))]
                    }),
            ])
        } else {
            context.console.out(
                "reverted job \(jobID) as job \(outcome.revertJobID): \(outcome.removed) rows removed, \(outcome.restored) put back as they were, \(outcome.reinserted) deleted rows restored"
            )
            context.console.out("hint: `tributary revert \(outcome.revertJobID)` puts job \(jobID)'s changes back.")
        }
        return .ok
    }

    /// "removes 120 rows it created (tasks 40, comments 80), puts back 5 it changed (tasks 5)".
    static func describe(_ summary: [JournalSummary]) -> String {
        let parts: [(JournalEntry.Action, String)] = [
            (.insert, "removes %d rows it created"), (.update, "puts back %d rows it changed"),
            (.delete, "restores %d rows it deleted"),
        ]
        let described = parts.compactMap { action, template -> String? in
            let rows = summary.filter { $0.action == action }
            guard !rows.isEmpty else { return nil }
            let total = rows.reduce(0) { $0 + $1.rows }
            let tables = rows.map { "\($0.table) \($0.rows)" }.joined(separator: ", ")
            return template.replacingOccurrences(of: "%d", with: String(total)) + " (\(tables))"
        }
        return described.isEmpty ? "it changed nothing" : described.joined(separator: "; ")
    }
}
