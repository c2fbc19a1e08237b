import Foundation
import ImportCore

/// `tributary run CONFIG`: one import job from a run config.
enum RunCommand {
    static let definition = CommandDefinition(
        name: "run", summary: "Run one import from a config file (resumes an interrupted run of the same config).",
        usage: ["run CONFIG [--incremental] [--dry-run] [--verbose] [--json]"],
        details: """
            Progress shows as a bar on a terminal, one line per page otherwise, JSON lines with --json.
            --incremental imports only records updated since the last run of this config (minus a
              small overlap); the first run is always full.
            --dry-run fetches and maps everything but writes nothing: it lists what would be
              created, updated or deleted, with the changed fields.
            --verbose logs every HTTP request and retry to stderr (method, URL, status, time),
              with credentials redacted.
            A killed or failed run resumes from its last committed page when run again. Ctrl-C or
              SIGTERM stops after the page being written, marks the job interrupted and prints the
              command that resumes it.
            Exit codes: 0 completed, 4 completed with per-record failures, 3 credentials refused,
            2 invalid config or mapping, 1 any other failure, 130 Ctrl-C, 143 SIGTERM.
            """,
        options: [
            OptionSpec("incremental", help: "Only records updated since the last run."),
            OptionSpec("dry-run", help: "Plan the import without writing anything."),
            OptionSpec("quiet", short: "q", help: "No progress output, only the report."),
            OptionSpec("verbose", short: "v", help: "Log every HTTP request to stderr (credentials redacted)."),
        ] + CommandDefinition.storeOptions,
        run: run)

    static func run(_ context: CommandContext) async throws -> ExitCode {
        let path = try context.singleArgument(hint: "give one config file: `tributary run Config/jira.example.json`")
        let config = try RunConfig.load(path: path)
        // The config's provider and mapping table are checked before any database is opened or created.
        let provider = try context.registry.require(config.source.provider)
        _ = try MappingLocator.source(for: config, provider: provider, environment: context.environment).table()
        let database = context.databasePath(configured: config.databasePath)
        let workspace = try context.openWorkspace(path: database)
        let style: ProgressPrinter.Style =
            context.arguments.flag("quiet") ? .quiet : context.json ? .json : context.console.isTTY ? .bar : .lines
        let engine = ImportEngine(
            workspace: workspace, registry: context.registry, environment: context.environment,
            observer: ProgressPrinter(console: context.console, style: style),
            vault: { try context.vault(for: workspace) })
        let owner = try context.owner(in: workspace, connection: config.connectionName, configured: config.owner).email
        let report: ImportReport
        do {
            report = try await engine.run(
                config,
                options: .init(
                    incremental: context.arguments.flag("incremental"), dryRun: context.arguments.flag("dry-run"),
                    ownerEmail: owner, requestLog: requestLog(context),
                    stopReason: { context.stop.reason?.description }))
        } catch let error as ImportRunError where error.kind == .interrupted {
            throw CLIError("\(error.message)\n  resume: \(context.resumeCommand)", exitCode: .interrupted)
        }
        if !context.json {
            printReport(report, console: context.console, database: database)
            if !report.dryRun {
                context.console.out("next: \(context.nextCommand(["jobs", "show", String(report.jobID ?? 0)]))")
                if !context.arguments.flag("incremental") {
                    context.console.out(
                        "later, only what changed since: \(context.nextCommand(["run", path, "--incremental"]))")
                }
            }
        }
        return report.status == .partial ? .partial : .ok
    }

    /// With `--verbose`, a logger printing `[seconds since start] line` to stderr.
    static func requestLog(_ context: CommandContext) -> HTTPClient.Logger? {
        guard context.arguments.flag("verbose") else { return nil }
        let console = context.console
        let started = Date()
        return { line in
            console.err("[\(String(format: "%7.3f", Date().timeIntervalSince(started)))] \(line)")
        }
    }

    static func printReport(_ report: ImportReport, console: Console, database: String) {
        let what =
            report.dryRun
            ? "dry run (nothing written)" : "job \(report.jobID.map(String.init) ?? "-") \(report.status.rawValue)"
        console.out(
            "\(what): \(report.mode) import from \(report.provider) into \"\(report.destinationProject)\" in \(String(format: "%.1f", report.durationSeconds)) s\(report.resumedFrom.map { ", resumed job \($0)" } ?? "")"
        )
        let verb = report.dryRun ? "would be " : ""
        var table = TextTable(["", "RECORDS"])
        table.add(["\(verb)created", String(report.counts.created)])
        table.add(["\(verb)updated", String(report.counts.updated)])
        table.add(["unchanged", String(report.counts.unchanged)])
        table.add(["\(verb)deleted", String(report.counts.deleted)])
        table.add(["failed", String(report.counts.failed)])
        console.out(table.render())
        console.out("requests \(report.requests), retries \(report.retries), pages \(report.pages)")
        if let pacing = report.pacing { console.out("pace: \(pacing)") }
        if !report.unmatchedAssignees.isEmpty {
            console.out(
                "unmatched assignees (no user profile with that email; not assigned): "
                    + summary(report.unmatchedAssignees, show: 8) { $0 })
        }
        if !report.unmatchedMilestones.isEmpty {
            console.out(
                "unmatched milestones (no milestone with that title; set createMilestones to create them): "
                    + summary(report.unmatchedMilestones, show: 5) { "\"\($0)\"" })
        }
        if let content = report.attachmentContent {
            console.out(
                "attachment files: \(content.stored) stored (\(String(format: "%.1f", Double(content.bytes) / 1_048_576)) MB), \(content.missing.count) not fetched"
            )
            for missing in content.missing.prefix(10) {
                console.out(
                    NotFetchedLine.text(
                        task: missing.task, filename: missing.filename, attachment: missing.attachment,
                        reason: missing.reason))
            }
            if content.missing.count > 10 {
                console.out(
                    "… \(content.missing.count - 10) more not fetched: tributary jobs show \(report.jobID ?? 0)")
            }
        }
        for warning in report.warnings { console.out("warning: \(warning)") }
        for failure in report.failures.prefix(10) {
            console.out("failed: \(failure.recordKey ?? failure.externalID ?? "?"): \(failure.reason)")
        }
        if report.failures.count > 10 {
            console.out(
                "… \(report.counts.failed - 10) more failures: tributary jobs show \(report.jobID ?? 0) --db \(database)"
            )
        }
        if report.dryRun {
            for change in report.plannedChanges.prefix(20) {
                let fields = change.fields.map { "\($0.field): \($0.old ?? "∅") → \($0.new ?? "∅")" }.joined(
                    separator: "; ")
                console.out("  \(change.change) \(change.record)\(fields.isEmpty ? "" : "  (\(fields))")")
            }
            if report.plannedChanges.count > 20 {
                console.out("  … \(report.plannedChanges.count - 20) more (use --json)")
            }
        }
    }

    /// The most frequent entries of `counts` (`name ×n`, each name cut to 40 characters), at most
    /// `show` of them, then how many more: one line of bounded length however long the names are.
    static func summary(_ counts: [String: Int], show: Int, quote: (String) -> String) -> String {
        let sorted = counts.sorted { $0.value > $1.value || ($0.value == $1.value && $0.key < $1.key) }
        var parts = sorted.prefix(show).map { entry -> String in
            let name = entry.key.count > 40 ? String(entry.key.prefix(39)) + "…" : entry.key
            return "\(quote(name)) ×\(entry.value)"
        }
        if sorted.count > show { parts.append("and \(sorted.count - show) more (`tributary jobs show` lists all)") }
        return parts.joined(separator: ", ")
    }
}
