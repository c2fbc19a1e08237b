import Foundation
import ImportCore
import WorkspaceStore

/// `tributary migrate BATCH`: many runs, resumable, with one report at the end.
enum MigrateCommand {
    static let definition = CommandDefinition(
        name: "migrate", summary: "Run a batch of imports (resumable), then write a JSON and an HTML report.",
        usage: ["migrate BATCH [--parallel N] [--report-dir DIR]"],
        details: """
            A batch file lists runs (each a run config file or an inline config); see
            Config/migration.example.json and docs/CONFIG.md. Runs go in order, or --parallel N at a time
            across different connections (runs of one connection stay in order). Running the same batch
            again continues where it stopped: finished runs are skipped, an interrupted run resumes
            from its last committed page. The report lists every run, totals, and a chart of records
            per project (migration-report.json and .html, or the paths the batch names).
            """,
        options: [
            OptionSpec("parallel", value: "N", help: "Runs at once across connections (default 1)."),
            OptionSpec(
                "report-dir", value: "DIR", help: "Where to write the reports (default: the working directory)."),
            OptionSpec("quiet", short: "q", help: "No progress output, only the report."),
        ] + CommandDefinition.storeOptions,
        run: run)

    static func run(_ context: CommandContext) async throws -> ExitCode {
        let path = try context.singleArgument(
            hint: "give one batch file: `tributary migrate Config/migration.example.json`")
        let parallel = try context.arguments.int("parallel") ?? 1
        guard parallel >= 1 && parallel <= 16 else { throw CLIError.usage("--parallel takes 1 to 16") }
        let batch = try BatchConfig.load(path: path)
        let database = context.databasePath(configured: batch.databasePath)
        let workspace = try context.openWorkspace(path: database)
        let owner = try context.owner(
            in: workspace, connection: batch.runs.lazy.compactMap(\.config.connectionName).first,
            configured: batch.owner)
        let ownerEmail = owner.email
        let previous = try workspace.batches.entries(owner: owner, batch: batch.fingerprint)
        let started = Date()

        // Group runs by connection: one group runs in order; groups run in parallel.
        var groups: [String: [Int]] = [:]
        var order: [String] = []
        for (index, run) in batch.runs.enumerated() {
            let key: String
            switch run.config.connection {
            case .named(let name): key = "named:\(name)"
            case .inline(_, let url, _, let env, _): key = "inline:\(url)|\(env)"
            }
            if groups[key] == nil { order.append(key) }
            groups[key, default: []].append(index)
        }
        let rows = Locked([Int: MigrationReport.Row]())
        let queue = Locked(order.map { groups[$0]! })
        // One bar redraws one line: runs in parallel print lines instead.
        let style: ProgressPrinter.Style =
            context.arguments.flag("quiet")
            ? .quiet : context.json ? .json : context.console.isTTY && parallel == 1 ? .bar : .lines

        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<min(parallel, order.count) {
                group.addTask {
                    while !Task.isCancelled, let indices = queue.update({ $0.isEmpty ? nil : $0.removeFirst() }) {
                        for index in indices where !Task.isCancelled {
                            let row = try await execute(
                                index: index, batch: batch, previous: previous[index], context: context,
                                database: database,
                                owner: owner, ownerEmail: ownerEmail, style: style)
                            rows.update { $0[index] = row }
                        }
                    }
                }
            }
            try await group.waitForAll()
        }

        let finished = rows.value
        var ordered: [MigrationReport.Row] = []
        for (index, run) in batch.runs.enumerated() {
            if var row = finished[index] {
                let runDatabase = context.databasePath(configured: run.config.databasePath ?? batch.databasePath)
                let target = runDatabase == database ? workspace : try context.openWorkspace(path: runDatabase)
                let runOwner = try context.owner(
                    in: target, connection: run.config.connectionName, configured: run.config.owner ?? ownerEmail)
                row.rows = try target.importedRows(
                    owner: runOwner, project: run.config.destination.project, source: run.config.source.provider,
                    containers: run.config.source.containers)
                ordered.append(row)
            } else {
                ordered.append(
                    MigrationReport.Row(
                        name: run.name, provider: run.config.source.provider, projects: run.config.source.containers,
                        destination: run.config.destination.project, status: "not run", counts: ImportCounts(),
                        jobID: nil, duration: 0, error: "the batch stopped before this run", skipped: false))
            }
        }
        var totals: [(String, Int)] = []
        for run in batch.runs {
            let runDatabase = context.databasePath(configured: run.config.databasePath ?? batch.databasePath)
            let target = runDatabase == database ? workspace : try context.openWorkspace(path: runDatabase)
            let runOwner = try context.owner(
                in: target, connection: run.config.connectionName, configured: run.config.owner ?? ownerEmail)
            for container in run.config.source.containers {
                let label = "\(run.config.source.provider):\(container)"
                guard !totals.contains(where: { $0.0 == label }) else { continue }
                let count = try target.liveTaskCount(
                    owner: runOwner, source: run.config.source.provider, container: container)
                totals.append((label, count))
            }
        }
        let report = MigrationReport(
            batch: path, generatedAt: Timestamp.now().iso8601, rows: ordered,
            projectTotals: totals.map { (project: $0.0, records: $0.1) })
        let (jsonPath, htmlPath) = reportPaths(batch, context: context)
        do {
            try PrivateFile.write(JSONWriter(pretty: true).data(report.json), to: jsonPath)
            try PrivateFile.write(Data(report.html.utf8), to: htmlPath)
        } catch {
            throw CLIError(
                "cannot write the report: \(error.localizedDescription)\n  hint: pass a writable --report-dir.")
        }
        let failed = ordered.filter { $0.status == "failed" }.count
        let partial = ordered.filter { $0.status == "partial" }.count
        if let stopped = context.stop.reason {
            if !context.json { for line in report.lines { context.console.out(line) } }
            throw CLIError(
                "the batch \(stopped.description); the report so far: \(jsonPath), \(htmlPath)\n  resume: \(context.resumeCommand)",
                exitCode: .interrupted)
        }
        if context.json {
            context.console.json(["report": report.json, "json": .string(jsonPath), "html": .string(htmlPath)])
        } else {
            context.console.out("")
            for line in report.lines { context.console.out(line) }
            context.console.out("")
            context.console.out(
                "batch done in \(String(format: "%.1f", Date().timeIntervalSince(started))) s; report: \(jsonPath), \(htmlPath)"
            )
            if failed > 0 {
                context.console.out(
                    "hint: fix the failures above and run the same command again: finished runs are skipped")
            }
        }
        return failed > 0 ? .failure : partial > 0 ? .partial : .ok
    }

    static func execute(
        index: Int, batch: BatchConfig, previous: BatchRunRepository.Entry?, context: CommandContext, database: String,
        owner: Owner, ownerEmail: String, style: ProgressPrinter.Style
    ) async throws -> MigrationReport.Row {
        let run = batch.runs[index]
        let config = run.config
        let stateWorkspace = try context.openWorkspace(path: database)
        if let previous, previous.status == "completed" || previous.status == "partial" {
            let counts = previous.report["counts"]
            var row = MigrationReport.Row(
                name: run.name, provider: config.source.provider, projects: config.source.containers,
                destination: config.destination.project, status: previous.status,
                counts: ImportCounts(
                    created: counts?["created"]?.intValue ?? 0, updated: counts?["updated"]?.intValue ?? 0,
                    unchanged: counts?["unchanged"]?.intValue ?? 0, deleted: counts?["deleted"]?.intValue ?? 0,
                    failed: counts?["failed"]?.intValue ?? 0),
                jobID: previous.jobID, duration: previous.report["durationSeconds"]?.doubleValue ?? 0, error: nil,
                skipped: true)
            row.absorb(previous.report)
            return row
        }
        try stateWorkspace.batches.record(
            owner: owner, batch: batch.fingerprint, index: index, name: run.name, status: "running", jobID: nil,
            report: [:])
        let runDatabase = context.databasePath(configured: config.databasePath ?? batch.databasePath)
        let started = Date()
        do {
            let workspace = try context.openWorkspace(path: runDatabase)
            let engine = ImportEngine(
                workspace: workspace, registry: context.registry, environment: context.environment,
                observer: ProgressPrinter(console: context.console, style: style, label: run.name),
                vault: { try context.vault(for: workspace) })
            let report = try await engine.run(
                config,
                options: .init(
                    incremental: run.incremental,
                    ownerEmail: try context.owner(
                        in: workspace, connection: config.connectionName, configured: config.owner ?? ownerEmail
                    ).email,
                    stopReason: { context.stop.reason?.description }))
            try stateWorkspace.batches.record(
                owner: owner, batch: batch.fingerprint, index: index, name: run.name, status: report.status.rawValue,
                jobID: report.jobID,
                report: report.json)
            var row = MigrationReport.Row(
                name: run.name, provider: config.source.provider, projects: config.source.containers,
                destination: config.destination.project,
                status: report.status.rawValue, counts: report.counts, jobID: report.jobID,
                duration: report.durationSeconds, error: nil,
                skipped: false)
            row.absorb(report.json)
            return row
        } catch let error as ImportRunError where error.kind == .interrupted {
            try stateWorkspace.batches.record(
                owner: owner, batch: batch.fingerprint, index: index, name: run.name, status: "interrupted",
                jobID: error.jobID, report: ["error": .string(error.message)])
            return MigrationReport.Row(
                name: run.name, provider: config.source.provider, projects: config.source.containers,
                destination: config.destination.project, status: "interrupted",
                counts: (try? stateWorkspace.job(owner: owner, id: error.jobID ?? -1))?.counts ?? ImportCounts(),
                jobID: error.jobID, duration: Date().timeIntervalSince(started), error: error.message, skipped: false)
        } catch {
            let (message, _) = ErrorReport.describe(error)
            context.console.err("[\(run.name)] failed: \(message)")
            let jobID = (error as? ImportRunError)?.jobID
            try stateWorkspace.batches.record(
                owner: owner, batch: batch.fingerprint, index: index, name: run.name, status: "failed", jobID: jobID,
                report: ["error": .string(message)])
            return MigrationReport.Row(
                name: run.name, provider: config.source.provider, projects: config.source.containers,
                destination: config.destination.project,
                status: "failed", counts: ImportCounts(), jobID: jobID, duration: Date().timeIntervalSince(started),
                error: message,
                skipped: false)
        }
    }

    /// Where the reports go: `--report-dir` wins over the paths the batch names (with a note), which
    /// win over the working directory.
    static func reportPaths(_ batch: BatchConfig, context: CommandContext) -> (json: String, html: String) {
        let defaults = ("migration-report.json", "migration-report.html")
        if let folder = context.arguments.value("report-dir") {
            if batch.reportJSON != nil || batch.reportHTML != nil {
                context.console.err(
                    "note: --report-dir \(folder) is used; the report paths in \(batch.origin) are not")
            }
            return (
                (folder as NSString).appendingPathComponent(defaults.0),
                (folder as NSString).appendingPathComponent(defaults.1)
            )
        }
        return (batch.reportJSONPath ?? defaults.0, batch.reportHTMLPath ?? defaults.1)
    }
}
