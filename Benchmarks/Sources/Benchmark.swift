import Foundation
import ImportCore
import JiraProvider
import ProviderSandbox
import WorkspaceStore

/// `tributary-bench`: imports from the Jira sandbox at several sizes and latencies and compares each
/// with the raw-fetch bound. Run in release mode; see docs/BENCHMARKS.md.
@main
struct Benchmark {
    struct Row {
        let issues: Int
        let latency: Int
        let raw: (seconds: Double, requests: Int)
        let fresh: Measured
        let noop: Measured
        let incremental: Measured
        let changed: Int
    }

    struct Measured {
        let seconds: Double
        let requests: Int
        let maxRSSKiB: Int
        let written: Int
        let processed: Int
    }

    static func main() async {
        do {
            try await run()
        } catch {
            FileHandle.standardError.write(Data("tributary-bench: \(error)\n".utf8))
            exit(1)
        }
    }

    static func option(_ name: String, _ fallback: String) -> String {
        let arguments = CommandLine.arguments
        if let index = arguments.firstIndex(of: "--\(name)"), index + 1 < arguments.count {
            return arguments[index + 1]
        }
        return fallback
    }

    static let usage = """
        Usage: tributary-bench [--provider jira|linear|asana|clickup] [--sizes 1000,10000,50000] [--latencies 0,20] [--repeat 3] [--bulk-fetch on|off] [--deployment cloud|dc] [--binary PATH] [--out FILE]
               tributary-bench --sizes 1000 --latencies 150 --repeat 1 --burst 5/10
               tributary-bench --download MEGABYTES
               tributary-bench --commonmark SPEC.txt [--failures FILE]

        Imports from the Jira (or Linear, Asana or ClickUp) sandbox at each size and latency with the release `tributary` binary and
        compares each run with the raw-fetch bound. Build first: swift build -c release.
        Each case runs --repeat times (default 3); the table shows the medians and the largest RSS.
        --out writes the markdown table (docs/BENCHMARKS.md keeps it with the analysis).
        --deployment dc measures Jira Data Center (its startAt search, a personal access token).
        --burst R/N makes the imports meet a burst budget of R requests a second with bursts of N (the
        raw fetch runs without one) and prints how many were refused and the budget's floor.
        --download streams one attachment of that size through a cross-origin redirect and reports the
        memory the client grew by.
        --commonmark holds the Markdown flattener against the CommonMark spec's examples (spec.txt from
        github.com/commonmark/commonmark-spec): the plain text of each example's Markdown against that of its HTML.
        """

    static func run() async throws {
        if CommandLine.arguments.contains(where: { ["--help", "-h"].contains($0) }) {
            print(usage)
            return
        }
        let spec = option("commonmark", "")
        if !spec.isEmpty {
            try CommonMarkAgreement.run(specPath: spec, failures: option("failures", ""))
            return
        }
        if let megabytes = Int(option("download", "")) {
            try await measureDownload(megabytes: megabytes)
            return
        }
        let sizes = option("sizes", "1000,10000,50000").split(separator: ",").compactMap { Int($0) }
        let latencies = option("latencies", "0,20").split(separator: ",").compactMap { Int($0) }
        let here = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
        let binary = option("binary", here.appendingPathComponent("tributary").path)
        let output = option("out", "")
        guard FileManager.default.isExecutableFile(atPath: binary) else {
            throw BenchError("no tributary binary at \(binary); build it first: swift build -c release")
        }
        let repeats = max(1, Int(option("repeat", "3")) ?? 3)
        var rows: [Row] = []
        for latency in latencies {
            for size in sizes {
                var runs: [Row] = []
                for attempt in 1...repeats {
                    let row: Row
                    switch option("provider", "jira") {
                    case "linear":
                        row = try await measure(
                            try LinearBench(issues: size, latency: latency), issues: size, latency: latency,
                            binary: binary)
                    case "asana":
                        row = try await measure(
                            try AsanaBench(issues: size, latency: latency), issues: size, latency: latency,
                            binary: binary)
                    case "clickup":
                        row = try await measure(
                            try ClickUpBench(issues: size, latency: latency), issues: size, latency: latency,
                            binary: binary)
                    default: row = try await measure(issues: size, latency: latency, binary: binary)
                    }
                    runs.append(row)
                    print("run \(attempt)/\(repeats): \(line(row))")
                }
                let row = median(runs)
                rows.append(row)
                print("median: \(line(row))")
            }
        }
        let report = markdown(rows, command: CommandLine.arguments.joined(separator: " "))
        print(report)
        if !output.isEmpty { try Data(report.utf8).write(to: URL(fileURLWithPath: output)) }
    }

    static func measure(issues: Int, latency: Int, binary: String) async throws -> Row {
        var faults = FaultPlan()
        faults.latencyMilliseconds = latency
        let dataCenter = option("deployment", "cloud") == "dc"
        let sandbox = try JiraSandbox(
            config: JiraSandboxConfig(
                issues: issues, projects: 1, deployment: dataCenter ? .dataCenter : .cloud, faults: faults))
        defer { sandbox.stop() }
        let bench = try BenchWorkspace()
        defer { bench.remove() }

        // The workspace and its connection, made in-process; the import runs in a child process.
        let credentials =
            dataCenter
            ? Credentials.personalAccessToken(sandbox.config.personalAccessToken)
            : Credentials.emailToken(email: sandbox.config.email, token: sandbox.config.apiToken)
        let account = try await JiraProvider().verify(credentials, at: sandbox.baseURL)
        try bench.workspace.connections.create(
            owner: bench.owner, name: "bench", provider: "jira", baseURL: sandbox.baseURL, authKind: credentials.kind,
            account: account, secret: credentials.secret, vault: bench.vault)
        let tablePath = BenchWorkspace.table("jira")
        let configPath = try bench.writeConfig(
            source: [
                "provider": "jira", "projects": ["DEMO"], "cap": .null, "pageSize": 100,
                "bulkFetch": .bool(option("bulk-fetch", "on") != "off"),
            ], provider: "jira")

        // 1. The raw-fetch bound: same JQL, same fields, same page size.
        let table = try MappingParser.load(path: tablePath)
        let fields = Array(
            Set(table.resolvedSourcePaths(fieldIDs: table.resolveFieldIDs(nil)).compactMap(fieldName)).union(["updated"]
            )
        )
        .sorted()
        let jql = try JQLBuilder(timeZoneIdentifier: account.timeZone).jql(for: RecordQuery(containers: ["DEMO"]))
        sandbox.resetRequestCounts()
        let raw = try await RawFetch.run(
            site: sandbox.baseURL, credentials: credentials, jql: jql, fields: fields, pageSize: 100,
            dataCenter: dataCenter)
        guard raw.issues == issues else { throw BenchError("raw fetch saw \(raw.issues) of \(issues) issues") }

        // With --burst R[/N]: the imports meet Jira's burst budget (R requests a second, bursts of N).
        let burst = option("burst", "").split(separator: "/").compactMap { Double($0) }
        if let rate = burst.first {
            sandbox.setBurstBudget(BurstBudget(rate: rate, capacity: burst.count > 1 ? Int(burst[1]) : 10))
        }
        // 2–4. Fresh import, no-op re-import, incremental after changing 1 %.
        let (fresh, noop, incremental, changed) = try bench.imports(
            binary: binary, config: configPath, issues: issues, resetRequests: sandbox.resetRequestCounts,
            requests: { sandbox.requestCounts.values.reduce(0, +) }, update: { sandbox.updateIssues($0) },
            afterFresh: {
                let counts = sandbox.requestCounts.sorted { $0.value > $1.value }.map { "\($0.key) \($0.value)" }
                print("fresh import requests: " + counts.joined(separator: ", "))
                if let rate = burst.first {
                    let (refused, allowed) = sandbox.burstCounts
                    let capacity = burst.count > 1 ? burst[1] : 10
                    let floor = max(0, Double(allowed) - capacity) / rate
                    print(
                        "burst budget \(rate)/s, bursts of \(Int(capacity)): \(allowed) requests let through, \(refused) refused (\(String(format: "%.1f", Double(refused) * 100 / Double(max(1, allowed + refused)))) %); the budget's floor \(String(format: "%.2f", floor)) s"
                    )
                    sandbox.setBurstBudget(BurstBudget(rate: rate, capacity: Int(capacity)))
                }
            })
        return Row(
            issues: issues, latency: latency, raw: (raw.seconds, raw.requests), fresh: fresh, noop: noop,
            incremental: incremental, changed: changed)
    }

    /// Each time the median of the repetitions (this machine is noisy); memory the worst of them.
    static func median(_ runs: [Row]) -> Row {
        func middle(_ values: [Double]) -> Double { values.sorted()[values.count / 2] }
        func combine(_ pick: (Row) -> Measured) -> Measured {
            let all = runs.map(pick)
            return Measured(
                seconds: middle(all.map(\.seconds)), requests: all[0].requests,
                maxRSSKiB: all.map(\.maxRSSKiB).max() ?? 0, written: all.map(\.written).max() ?? 0,
                processed: all[0].processed)
        }
        let first = runs[0]
        return Row(
            issues: first.issues, latency: first.latency, raw: (middle(runs.map(\.raw.seconds)), first.raw.requests),
            fresh: combine(\.fresh), noop: combine(\.noop), incremental: combine(\.incremental), changed: first.changed)
    }

    static func fieldName(_ path: String) -> String? {
        guard path.hasPrefix("fields.") else { return nil }
        let name = path.dropFirst(7).prefix { $0 != "." && $0 != "[" }
        return name.isEmpty ? nil : String(name)
    }

    static func line(_ row: Row) -> String {
        "issues \(row.issues), latency \(row.latency) ms: raw \(format(row.raw.seconds)) s; fresh \(format(row.fresh.seconds)) s (\(ratio(row.fresh.seconds, row.raw.seconds))); no-op \(format(row.noop.seconds)) s, wrote \(row.noop.written); incremental \(format(row.incremental.seconds)) s, \(row.incremental.requests) requests; max RSS \(row.fresh.maxRSSKiB / 1024) MiB"
    }

    static func format(_ seconds: Double) -> String { String(format: "%.2f", seconds) }
    static func ratio(_ a: Double, _ b: Double) -> String { String(format: "%.2f×", a / max(b, 0.0001)) }

    static func markdown(_ rows: [Row], command: String) -> String {
        var lines = [
            "| issues | latency | raw fetch | fresh import | fresh / raw | issues/s | requests (raw / fresh) | no-op re-import | no-op / raw | rows written by no-op | incremental (\(rows.first.map { _ in "1 %" } ?? "")) | incremental requests | max RSS fresh | max RSS no-op | max RSS incremental |",
            "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
        ]
        for row in rows {
            lines.append(
                "| \(row.issues) | \(row.latency) ms | \(format(row.raw.seconds)) s | \(format(row.fresh.seconds)) s | \(ratio(row.fresh.seconds, row.raw.seconds)) | \(Int(Double(row.issues) / row.fresh.seconds)) | \(row.raw.requests) / \(row.fresh.requests) | \(format(row.noop.seconds)) s | \(ratio(row.noop.seconds, row.raw.seconds)) | \(row.noop.written) | \(format(row.incremental.seconds)) s (\(row.changed) changed, \(row.incremental.processed) read) | \(row.incremental.requests) | \(row.fresh.maxRSSKiB / 1024) MiB | \(row.noop.maxRSSKiB / 1024) MiB | \(row.incremental.maxRSSKiB / 1024) MiB |"
            )
        }
        lines.append("")
        lines.append("Command: `\(command)`")
        return lines.joined(separator: "\n")
    }
}
