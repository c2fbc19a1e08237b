import Foundation
import ImportCore
import WorkspaceStore

/// One benchmark case's workspace: a temporary folder with its database, owner and key, where a
/// config is written and the release binary imports in a child process.
struct BenchWorkspace {
    let folder: String
    let database: String
    let workspace: Workspace
    let owner: Owner
    let key: EncryptionKey

    init() throws {
        folder =
            FileManager.default.temporaryDirectory.appendingPathComponent(
                "tributary-bench-\(UUID().uuidString.prefix(8))"
            ).path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        key = try EncryptionKey.generate()
        database = folder + "/bench.sqlite"
        workspace = try Workspace(path: database)
        owner = try workspace.owner(email: "bench@example.com")
    }

    /// Removes the folder.
    func remove() { try? FileManager.default.removeItem(atPath: folder) }

    /// The vault sealing the bench connection.
    var vault: CredentialVault { CredentialVault(key: key) }

    /// The repository's `Providers/<provider>/mapping.json`.
    static func table(_ provider: String) -> String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Providers/\(provider)/mapping.json").path
    }

    /// Writes a run config of `source` over the connection `bench` and returns its path.
    func writeConfig(source: JSONValue, provider: String) throws -> String {
        let config: JSONValue = [
            "owner": "bench@example.com", "database": .string(database), "connection": "bench", "source": source,
            "destination": ["project": "Bench", "createProject": true],
            "mapping": ["table": .string(Self.table(provider))],
        ]
        let path = folder + "/run.json"
        try JSONWriter(pretty: true).data(config).write(to: URL(fileURLWithPath: path))
        return path
    }

    /// Runs `tributary run CONFIG --quiet EXTRA` and measures it; `requests` counts what the sandbox saw.
    func importRun(
        binary: String, config: String, _ extra: [String], resetRequests: () -> Void, requests: () -> Int
    ) throws -> Benchmark.Measured {
        resetRequests()
        let result = try ChildProcess.run(
            binary, ["run", config, "--quiet"] + extra, environment: ["TRIBUTARY_ENCRYPTION_KEY": key.base64],
            directory: folder)
        guard result.status == 0 else {
            let stderr = (try? String(contentsOfFile: folder + "/child.err", encoding: .utf8)) ?? ""
            throw BenchError("tributary run exited \(result.status): \(stderr)")
        }
        let job = try workspace.jobs.list(owner: owner, limit: 1)[0]
        return Benchmark.Measured(
            seconds: result.seconds, requests: requests(), maxRSSKiB: result.maxRSSKiB,
            written: job.counts.created + job.counts.updated, processed: job.counts.processed)
    }

    /// The three imports of a case: fresh (every issue written), no-op, and incremental after
    /// `update` changed 1 % of the issues; returns them with the number changed.
    func imports(
        binary: String, config: String, issues: Int, resetRequests: () -> Void, requests: () -> Int,
        update: (Int) -> Void, afterFresh: () -> Void = {}
    ) throws -> (fresh: Benchmark.Measured, noop: Benchmark.Measured, incremental: Benchmark.Measured, changed: Int) {
        func run(_ extra: [String]) throws -> Benchmark.Measured {
            try importRun(binary: binary, config: config, extra, resetRequests: resetRequests, requests: requests)
        }
        let trace = ProcessInfo.processInfo.environment["TRIBUTARY_BENCH_TRACE"]
        let fresh = try run(trace == nil ? [] : ["--verbose"])
        if let trace { try? FileManager.default.copyItem(atPath: folder + "/child.err", toPath: trace) }
        guard fresh.written == issues else {
            throw BenchError("the fresh import wrote \(fresh.written) of \(issues) issues")
        }
        afterFresh()
        let noop = try run([])
        let changed = max(1, issues / 100)
        update(changed)
        return (fresh, noop, try run(["--incremental"]), changed)
    }
}
