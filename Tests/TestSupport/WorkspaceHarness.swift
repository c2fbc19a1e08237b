import Foundation
import ImportCore
import WorkspaceStore

/// What the harnesses that import into a SQLite workspace share: the engine over that workspace
/// with the key its connection was sealed with, the environment a CLI child needs, and row counts.
public protocol WorkspaceHarness: Sendable {
    var workspace: Workspace { get }
    /// The encryption key (base64) the stored connection was sealed with.
    var key: String { get }
    var registry: ProviderRegistry { get }
}

extension WorkspaceHarness {
    public var databasePath: String { workspace.path }

    /// The environment a CLI child process needs to open the stored connection.
    public var environment: [String: String] { ["TRIBUTARY_ENCRYPTION_KEY": key] }

    public func engine(observer: any ImportObserver = SilentObserver()) -> ImportEngine {
        let key = self.key
        return ImportEngine(
            workspace: workspace, registry: registry, environment: environment, observer: observer,
            vault: { CredentialVault(key: try EncryptionKey(encoded: key, origin: "test")) })
    }

    /// Writes a run config (JSON) at `path` reading `source` through the stored connection
    /// `connection` with `provider`'s shipped mapping table, and returns the path.
    public func writeRunConfig(
        at path: String, owner: String, connection: String, provider: String, source: [String: JSONValue],
        destination: [String: JSONValue]
    ) throws -> String {
        var source = source
        source["provider"] = .string(provider)
        let table = CLIProcess.repositoryRoot.appendingPathComponent("Providers/\(provider)/mapping.json").path
        let config: JSONValue = [
            "owner": .string(owner), "database": .string(databasePath), "connection": .string(connection),
            "source": .object(source), "destination": .object(destination), "mapping": ["table": .string(table)],
        ]
        try JSONWriter(pretty: true).data(config).write(to: URL(fileURLWithPath: path))
        return path
    }

    /// Runs the config at `path` in-process (incrementally when asked).
    public func runConfig(_ path: String, incremental: Bool = false, observer: any ImportObserver = SilentObserver())
        async throws -> ImportReport
    {
        try await engine(observer: observer).run(
            try RunConfig.load(path: path), options: .init(incremental: incremental, dryRun: false))
    }

    public func count(_ table: String, _ condition: String = "1") throws -> Int {
        try workspace.db.scalar("SELECT COUNT(*) FROM \(table) WHERE \(condition)").intValue ?? 0
    }
}
