import Foundation
import ImportCore
import LinearProvider
import ProviderSandbox
import WorkspaceStore

/// A workspace in a temporary folder, connected to a Linear sandbox as `linear`, with helpers to
/// write run configs and run the engine in-process (or the CLI, with `environment`).
public final class LinearImportHarness: WorkspaceHarness {
    public let folder: TemporaryDirectory
    public let fixture: LinearSandboxFixture
    public let workspace: Workspace
    public let owner: Owner
    /// The encryption key (base64) the stored connection was sealed with.
    public let key: String
    public let connectionName = "linear"

    public var sandbox: LinearSandbox { fixture.sandbox }
    public var registry: ProviderRegistry { ProviderRegistry([LinearProvider()]) }

    public init(
        _ config: LinearSandboxConfig = LinearSandboxConfig(), owner email: String = "alice@example.com",
        workspace existing: Workspace? = nil, folder existingFolder: TemporaryDirectory? = nil
    ) async throws {
        folder = existingFolder ?? TemporaryDirectory("tributary-linear")
        fixture = try LinearSandboxFixture(config)
        workspace = try existing ?? Workspace(path: folder.file("workspace.sqlite"))
        owner = try workspace.owner(email: email)
        let encryption = try EncryptionKey.generate()
        key = encryption.base64
        let credentials = fixture.validCredentials
        let account = try await LinearProvider().verify(credentials, at: fixture.url, options: fixture.options())
        try workspace.connections.create(
            owner: owner, name: connectionName, provider: LinearProvider.id, baseURL: fixture.url,
            authKind: credentials.kind, login: credentials.username, account: account, secret: credentials.secret,
            vault: CredentialVault(key: encryption))
    }

    /// Writes a run config (JSON) to the folder and returns its path.
    public func configFile(
        name: String = "linear.json", teams: [String] = ["DEMO", "OPS"], cap: JSONValue = .null,
        extraSource: [String: JSONValue] = [:],
        destination: [String: JSONValue] = ["project": "Engineering", "createProject": true]
    ) throws -> String {
        var source: [String: JSONValue] = [
            "provider": "linear", "containers": .array(teams.map(JSONValue.string)), "cap": cap, "pageSize": 40,
        ]
        for (key, value) in extraSource { source[key] = value }
        let config: JSONValue = [
            "owner": .string(owner.email), "database": .string(databasePath), "connection": .string(connectionName),
            "source": .object(source), "destination": .object(destination),
            "mapping": [
                "table": .string(CLIProcess.repositoryRoot.appendingPathComponent("Providers/linear/mapping.json").path)
            ],
        ]
        let path = folder.file(name)
        try JSONWriter(pretty: true).data(config).write(to: URL(fileURLWithPath: path))
        return path
    }

    public func run(_ path: String, incremental: Bool = false, observer: any ImportObserver = SilentObserver())
        async throws -> ImportReport
    {
        try await engine(observer: observer).run(
            try RunConfig.load(path: path), options: .init(incremental: incremental, dryRun: false))
    }
}
