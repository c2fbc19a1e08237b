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
        return try writeRunConfig(
            at: folder.file(name), owner: owner.email, connection: connectionName, provider: "linear", source: source,
            destination: destination)
    }

    public func run(_ path: String, incremental: Bool = false, observer: any ImportObserver = SilentObserver())
        async throws -> ImportReport
    {
        try await runConfig(path, incremental: incremental, observer: observer)
    }
}
