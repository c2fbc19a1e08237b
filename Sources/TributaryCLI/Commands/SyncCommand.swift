import Foundation
import ImportCore
import WorkspaceStore

/// `tributary sync CONFIG… --every 30m`: keeps configs in sync, one way and read-only at the source.
enum SyncCommand {
    static let definition = CommandDefinition(
        name: "sync", summary: "Keep configs in sync: incremental runs on a schedule, until stopped.",
        usage: ["sync CONFIG... --every INTERVAL [--reconcile-every N] [--jitter F] [--cycles N]"],
        details: """
            Runs each config now, then again every INTERVAL (90s, 30m, 2h, 1h30m) with a little jitter
            (--jitter F, default 0.1: ±10 %), each run incremental. Every Nth run of a config is a full
            run that also reconciles deletes (--reconcile-every N, default 12; 0: never). After a
            failure the next run comes sooner and backs off exponentially (a tenth of the interval,
            doubling, at most the interval). One scheduler per config: a second one is refused while
            the first runs. A line per run says how it went; `tributary status` shows each config's
            last and next run. Ctrl-C or SIGTERM lets the page being written land, then stops.
            --cycles N stops after N runs of each config (a test, or one catch-up from cron).
            """,
        options: [
            OptionSpec("every", value: "INTERVAL", help: "Time between runs of a config (required)."),
            OptionSpec(
                "reconcile-every", value: "N", help: "Every Nth run is full and reconciles deletes (default 12)."),
            OptionSpec("jitter", value: "F", help: "Share of the interval a run may move (default 0.1)."),
            OptionSpec("cycles", value: "N", help: "Stop after N runs of each config."),
            OptionSpec("quiet", short: "q", help: "Only the line per run."),
        ] + CommandDefinition.storeOptions,
        run: run)

    /// One config the scheduler keeps running.
    final class Scheduled {
        let path: String
        var config: RunConfig
        let workspace: Workspace
        let owner: Owner
        /// Held for the scheduler's lifetime: one scheduler per config.
        let lock: RunLock
        var runs = 0
        var failuresInRow = 0
        var due = Date()

        init(path: String, config: RunConfig, workspace: Workspace, owner: Owner, lock: RunLock) {
            self.path = path
            self.config = config
            self.workspace = workspace
            self.owner = owner
            self.lock = lock
        }

        /// The config file's name, for log lines.
        var name: String { (path as NSString).lastPathComponent }

        /// An engine that imports into this config's workspace, telling `observer`.
        func engine(observer: any ImportObserver, context: CommandContext) -> ImportEngine {
            ImportEngine(
                workspace: workspace, registry: context.registry, environment: context.environment,
                observer: observer, vault: { [workspace] in try context.vault(for: workspace) })
        }
    }

    /// The first line of what `error` says (its message without the hint), for a log line.
    static func firstLine(of error: any Error) -> String {
        let (message, _) = ErrorReport.describe(error)
        return message.split(separator: "\n").first.map(String.init) ?? message
    }

    static func run(_ context: CommandContext) async throws -> ExitCode {
        let paths = context.arguments.positionals
        guard !paths.isEmpty else {
            throw CLIError.usage("give the configs to keep in sync: `tributary sync Config/jira.json --every 30m`")
        }
        guard let text = context.arguments.value("every") else {
            throw CLIError.usage("say how often: --every 30m (or 90s, 2h, 1h30m)")
        }
        guard let every = IntervalText.seconds(text), every >= 1 else {
            throw CLIError.usage("--every takes a length of time of at least a second: 90s, 30m, 2h, 1h30m")
        }
        let jitter = try context.arguments.value("jitter").map { value -> Double in
            guard let number = Double(value), (0...0.5).contains(number) else {
                throw CLIError.usage("--jitter takes a share of the interval from 0 to 0.5")
            }
            return number
        }
        let timing = SyncTiming(
            every: every, jitter: jitter ?? 0.1,
            reconcileEvery: try context.arguments.int("reconcile-every", in: 0...10_000) ?? 12)
        let cycles = try context.arguments.int("cycles", in: 1...1_000_000)
        let scheduled = try paths.map { try schedule($0, context: context) }
        var random = SystemRandomNumberGenerator()
        func pending(_ entry: Scheduled) -> Bool { cycles.map { entry.runs < $0 } ?? true }
        while let next = scheduled.filter(pending).min(by: { $0.due < $1.due }) {
            guard await sleep(until: next.due, context: context) else { break }
            let succeeded = try await runOnce(next, timing: timing, context: context)
            next.due = Date().addingTimeInterval(
                timing.delay(failuresInRow: next.failuresInRow, unit: Double.random(in: 0...1, using: &random)))
            if !succeeded, context.stop.reason != nil { break }
            if cycles.map({ next.runs >= $0 }) == true || context.stop.reason != nil {
                try next.workspace.schedules.stopped(owner: next.owner, path: next.path)
            } else {
                try next.workspace.schedules.finishedNext(owner: next.owner, path: next.path, next: Timestamp(next.due))
            }
            if context.stop.reason != nil { break }
        }
        for entry in scheduled { try entry.workspace.schedules.stopped(owner: entry.owner, path: entry.path) }
        if let reason = context.stop.reason {
            throw CLIError("sync \(reason.description)", exitCode: .interrupted)
        }
        return scheduled.allSatisfy { $0.failuresInRow == 0 } ? .ok : .failure
    }

    /// Loads, checks and locks one config.
    static func schedule(_ path: String, context: CommandContext) throws -> Scheduled {
        let absolute = URL(fileURLWithPath: path).standardizedFileURL.path
        let config = try RunConfig.load(path: absolute)
        let provider = try context.registry.require(config.source.provider)
        _ = try MappingLocator.source(for: config, provider: provider, environment: context.environment).table()
        let workspace = try context.openWorkspace(path: context.databasePath(configured: config.databasePath))
        let owner = try context.owner(in: workspace, connection: config.connectionName, configured: config.owner)
        let lock: RunLock
        do {
            lock = try RunLock(database: workspace.path, fingerprint: "sync \(owner.email) \(absolute)")
        } catch {
            throw CLIError("another `tributary sync` keeps \(path) in sync already: \(error)", exitCode: .failure)
        }
        return Scheduled(path: absolute, config: config, workspace: workspace, owner: owner, lock: lock)
    }

    /// Waits until `date`, or until asked to stop (then `false`).
    static func sleep(until date: Date, context: CommandContext) async -> Bool {
        while Date() < date {
            if context.stop.reason != nil { return false }
            try? await Task.sleep(nanoseconds: UInt64(min(0.2, max(0.01, date.timeIntervalSinceNow)) * 1e9))
        }
        return context.stop.reason == nil
    }

    /// One run of a scheduled config, recorded and said in one line; whether it succeeded. The first,
    /// every Nth, and one asked to `reconcile` (a delete was announced) are full and reconcile deletes.
    static func runOnce(_ entry: Scheduled, timing: SyncTiming, reconcile: Bool = false, context: CommandContext)
        async throws -> Bool
    {
        entry.runs += 1
        let full = reconcile || entry.runs == 1 || timing.reconciles(run: entry.runs)
        var config = entry.config
        if full && timing.reconcileEvery > 0 { config.source.reconcileDeletes = true }
        try entry.workspace.schedules.started(owner: entry.owner, path: entry.path, every: timing.every)
        let started = Date()
        let engine = entry.engine(
            observer: ProgressPrinter(
                console: context.console,
                style: context.arguments.flag("quiet") || !context.console.isTTY ? .quiet : .bar),
            context: context)
        let name = entry.name
        let stamp = { Timestamp.now().iso8601 }
        do {
            let report = try await engine.run(
                config,
                options: .init(
                    incremental: !full, dryRun: false, ownerEmail: entry.owner.email,
                    stopReason: { context.stop.reason?.description }))
            entry.failuresInRow = 0
            let counts = report.counts
            let summary =
                "\(report.status.rawValue) in \(String(format: "%.1f", Date().timeIntervalSince(started))) s (\(full ? "full" : "incremental"): created \(counts.created), updated \(counts.updated), unchanged \(counts.unchanged), deleted \(counts.deleted), failed \(counts.failed))"
            try entry.workspace.schedules.finished(
                owner: entry.owner, path: entry.path, outcome: report.status.rawValue, succeeded: true,
                message: summary, jobID: report.jobID, next: nil)
            context.console.out("\(stamp()) sync \(name): \(summary)")
            return true
        } catch {
            let interrupted = (error as? ImportRunError)?.kind == .interrupted
            entry.failuresInRow += interrupted ? 0 : 1
            let firstLine = Self.firstLine(of: error)
            try entry.workspace.schedules.finished(
                owner: entry.owner, path: entry.path, outcome: interrupted ? "interrupted" : "failed",
                succeeded: interrupted, message: firstLine, jobID: nil, next: nil)
            context.console.out(
                "\(stamp()) sync \(name): \(interrupted ? "interrupted" : "failed") (\(entry.failuresInRow) in a row): \(firstLine)"
            )
            return false
        }
    }
}
