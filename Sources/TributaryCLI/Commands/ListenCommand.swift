import Foundation
import ImportCore
import WorkspaceStore

/// `tributary listen CONFIG… --secret-env NAME`: Jira webhooks bring the issues they name within
/// seconds, re-read from the source through the normal import path; a periodic incremental run
/// (and a reconciling one every Nth) is the safety net, since webhooks may be lost.
enum ListenCommand {
    static let definition = CommandDefinition(
        name: "listen",
        summary: "Receive Jira webhooks and import the issues they name within seconds (a periodic run as safety net).",
        usage: [
            "listen CONFIG... --secret-env NAME [--port N] [--host ADDRESS] [--safety-every 30m] [--reconcile-every N]"
        ],
        details: """
            Serves POST deliveries on http://HOST:PORT/ (127.0.0.1 unless --host says otherwise; put it behind
            a TLS proxy to take Jira Cloud's deliveries, see the README). A delivery must carry
            X-Hub-Signature: sha256=HMAC of its body under the webhook's secret (read from the environment
            variable --secret-env names), or it gets 401; bad JSON gets 400; a delivery seen before
            (X-Atlassian-Webhook-Identifier) is acknowledged once. Issue, comment, worklog and issue-link
            events name issues: they are fetched again from Jira (the payload's fields are never written)
            and imported through each config, a job per batch. A deleted issue is marked deleted by a
            reconciling run soon after. Each config also runs on start (in full, reconciling deletes) and
            then every --safety-every (default 30m) incrementally, every --reconcile-every'th run (default 12)
            in full with delete reconciliation: what a lost delivery missed is caught up. `tributary status` shows those runs. Bodies over
            1 MiB get 413, requests that do not arrive within 10 s 408, more than 32 at once 503.
            Ctrl-C or SIGTERM stops it after the current run.
            """,
        options: [
            OptionSpec("secret-env", value: "NAME", help: "Environment variable holding the webhook secret."),
            OptionSpec("port", value: "N", help: "Port to listen on (default 8089; 0: any free port)."),
            OptionSpec("host", value: "ADDRESS", help: "Address to listen on (default 127.0.0.1)."),
            OptionSpec("safety-every", value: "INTERVAL", help: "How often the safety-net run goes (default 30m)."),
            OptionSpec(
                "reconcile-every", value: "N", help: "Every Nth safety-net run reconciles deletes (default 12)."),
            OptionSpec("quiet", help: "No progress bars."),
        ] + CommandDefinition.storeOptions,
        run: run)

    /// Issues a targeted run reads at most (one search page).
    static let issuesPerRun = 100

    static func run(_ context: CommandContext) async throws -> ExitCode {
        let paths = context.arguments.positionals
        guard !paths.isEmpty else {
            throw CLIError.usage(
                "give the configs the webhooks feed: `tributary listen Config/jira.json --secret-env JIRA_WEBHOOK_SECRET`"
            )
        }
        guard let secretName = context.arguments.value("secret-env") else {
            throw CLIError.usage("name the environment variable that holds the webhook's secret: --secret-env NAME")
        }
        guard let secret = context.environment[secretName], !secret.isEmpty else {
            throw CLIError.usage(
                "the environment variable \(secretName) is not set (it holds the secret the webhook was registered with)"
            )
        }
        let every = try context.arguments.value("safety-every").map { text -> Double in
            guard let seconds = IntervalText.seconds(text), seconds >= 1 else {
                throw CLIError.usage("--safety-every takes a length of time: 90s, 30m, 2h")
            }
            return seconds
        }
        let timing = SyncTiming(
            every: every ?? 1_800, jitter: 0.1,
            reconcileEvery: try context.arguments.int("reconcile-every", in: 1...10_000) ?? 12)
        let port = try context.arguments.int("port", in: 0...65535) ?? 8089
        let host = context.arguments.value("host") ?? "127.0.0.1"
        let scheduled = try paths.map { try SyncCommand.schedule($0, context: context) }
        // Webhook batches a killed listener left running are never resumed: the safety net covers them.
        for entry in scheduled {
            try entry.workspace.jobs.closeAbandoned(
                owner: entry.owner, sourceKey: webhookKey, equals: entry.path,
                note:
                    "interrupted: the listener stopped before this webhook batch finished; its safety-net run covers it"
            )
        }
        let inbox = WebhookInbox()
        let receiver = WebhookReceiver(secret: Array(secret.utf8), inbox: inbox)
        let server = try WebhookServer(host: host, port: UInt16(port), handler: receiver.answer)
        defer { server.stop() }
        context.console.out("listening for Jira webhooks on http://\(host):\(server.port)/ (\(paths.count) config(s))")
        var random = SystemRandomNumberGenerator()
        var deletesSeen = false
        while context.stop.reason == nil {
            let events = inbox.drain(limit: 1000)
            if !events.isEmpty {
                deletesSeen = deletesSeen || events.contains { $0.kind == .deleted }
                try await apply(events, to: scheduled, context: context)
                continue
            }
            let reconcileNow = deletesSeen
            if let due = scheduled.min(by: { $0.due < $1.due }), due.due <= Date() || reconcileNow {
                for entry in reconcileNow ? scheduled : [due] {
                    _ = try await SyncCommand.runOnce(entry, timing: timing, reconcile: reconcileNow, context: context)
                    entry.due = Date().addingTimeInterval(
                        timing.delay(
                            failuresInRow: entry.failuresInRow, unit: Double.random(in: 0...1, using: &random)))
                    try entry.workspace.schedules.finishedNext(
                        owner: entry.owner, path: entry.path, next: Timestamp(entry.due))
                }
                deletesSeen = false
                continue
            }
            try? await Task.sleep(nanoseconds: 50_000_000)
        }
        for entry in scheduled { try entry.workspace.schedules.stopped(owner: entry.owner, path: entry.path) }
        if let reason = context.stop.reason {
            throw CLIError("listen \(reason.description)", exitCode: .interrupted)
        }
        return .ok
    }

    /// Imports the issues `events` name through every config, a job per config and batch of at most
    /// `issuesPerRun`: each config's own scope, narrowed to those ids.
    static func apply(_ events: [WebhookEvent], to scheduled: [SyncCommand.Scheduled], context: CommandContext)
        async throws
    {
        var ids: [String] = []
        for event in events where event.kind == .refresh {
            for id in event.issueIDs where !ids.contains(id) { ids.append(id) }
        }
        let stamp = { Timestamp.now().iso8601 }
        for start in stride(from: 0, to: ids.count, by: issuesPerRun) {
            let batch = Array(ids[start..<min(ids.count, start + issuesPerRun)])
            for entry in scheduled {
                let config = narrowed(entry.config, to: batch, path: entry.path)
                let engine = entry.engine(observer: SilentObserver(), context: context)
                let name = entry.name
                do {
                    var options = ImportEngine.Options(
                        incremental: false, dryRun: false, ownerEmail: entry.owner.email,
                        stopReason: { context.stop.reason?.description })
                    options.keepsHighWaterMark = false
                    let report = try await engine.run(config, options: options)
                    let counts = report.counts
                    context.console.out(
                        "\(stamp()) listen \(name): \(batch.count) issue(s) from webhooks -> job \(report.jobID.map(String.init) ?? "?"): created \(counts.created), updated \(counts.updated), unchanged \(counts.unchanged), failed \(counts.failed)"
                    )
                } catch {
                    context.console.out(
                        "\(stamp()) listen \(name): \(batch.count) issue(s) from webhooks failed: \(SyncCommand.firstLine(of: error)) (the next safety-net run catches up)"
                    )
                }
            }
        }
    }

    /// The key a webhook batch's recorded config names its listener's config by.
    static let webhookKey = "webhookBatchOf"

    /// `config` (at `path`) narrowed to the issues `ids` (within its own scope), every one of them,
    /// no deletes reconciled, and a fingerprint of its own: it never resumes, nor moves, the config's
    /// own runs. The recorded config names the batch's listener config (`webhookKey`).
    static func narrowed(_ config: RunConfig, to ids: [String], path: String) -> RunConfig {
        var narrowed = config
        let list = "id in (\(ids.joined(separator: ", ")))"
        narrowed.source.filter = config.source.filter.map { "(\($0)) AND \(list)" } ?? list
        narrowed.source.cap = nil
        narrowed.source.reconcileDeletes = false
        if case .object(var top) = config.raw, case .object(var source)? = top["source"] {
            source.removeValue(forKey: "jql")
            source["filter"] = JSONValue(narrowed.source.filter)
            source["cap"] = .null
            source["reconcileDeletes"] = false
            source[webhookKey] = .string(path)
            top["source"] = .object(source)
            narrowed.raw = .object(top)
        }
        return narrowed
    }
}
