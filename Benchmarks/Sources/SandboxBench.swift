import Foundation
import ImportCore
import WorkspaceStore

/// What `tributary-bench` needs of a provider's sandbox besides Jira's: the run config's source, a
/// stored connection, the raw-fetch bound (every request an import needs, one after another), and
/// the sandbox's request counts and edits for the incremental measurement.
protocol SandboxBench {
    /// The provider's id.
    var provider: String { get }
    /// The run config's `source`, without `provider`.
    var source: [String: JSONValue] { get }
    /// Stores the connection `bench` in `workspace` for `owner`.
    func connect(_ workspace: Workspace, owner: Owner, vault: CredentialVault) async throws
    /// The raw-fetch bound: its time, its requests and the records it saw.
    func rawFetch() async throws -> (seconds: Double, requests: Int, issues: Int)
    /// Forgets the sandbox's request counts.
    func resetRequests()
    /// Requests the sandbox answered since the last reset.
    func requests() -> Int
    /// Changes `count` records in the sandbox.
    func update(_ count: Int)
    /// Stops the sandbox.
    func stop()
}

extension Benchmark {
    /// The four measurements (raw bound, fresh, no-op, incremental) against `bench`'s sandbox.
    static func measure(_ bench: some SandboxBench, issues: Int, latency: Int, binary: String) async throws -> Row {
        defer { bench.stop() }
        let workspace = try BenchWorkspace()
        defer { workspace.remove() }
        try await bench.connect(workspace.workspace, owner: workspace.owner, vault: workspace.vault)
        var source = bench.source
        source["provider"] = .string(bench.provider)
        let configPath = try workspace.writeConfig(source: .object(source), provider: bench.provider)
        let raw = try await bench.rawFetch()
        guard raw.issues == issues else { throw BenchError("raw fetch saw \(raw.issues) of \(issues) records") }
        let (fresh, noop, incremental, changed) = try workspace.imports(
            binary: binary, config: configPath, issues: issues, resetRequests: bench.resetRequests,
            requests: bench.requests, update: bench.update)
        return Row(
            issues: issues, latency: latency, raw: (raw.seconds, raw.requests), fresh: fresh, noop: noop,
            incremental: incremental, changed: changed)
    }
}
