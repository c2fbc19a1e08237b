import AsanaProvider
import Foundation
import ImportCore
import ProviderSandbox
import WorkspaceStore

/// A workspace in a temporary folder, connected to an Asana sandbox as `asana`, with helpers to
/// write run configs and run the engine in-process (or the CLI, with `environment`).
public final class AsanaImportHarness: WorkspaceHarness {
    public let folder: TemporaryDirectory
    public let sandbox: AsanaSandbox
    public let workspace: Workspace
    public let owner: Owner
    /// The encryption key (base64) the stored connection was sealed with.
    public let key: String
    public let connectionName = "asana"

    public var registry: ProviderRegistry { ProviderRegistry([AsanaProvider()]) }

    /// Options for tests: fast retries.
    public static func options(maxAttempts: Int = 6) -> ConnectionOptions {
        ConnectionOptions(
            maxConcurrentRequests: 8, requestTimeout: 10, maxAttempts: maxAttempts, backoffBase: 0.01, backoffCap: 0.05)
    }

    public init(_ config: AsanaSandboxConfig = AsanaSandboxConfig(), owner email: String = "alice@example.com")
        async throws
    {
        folder = TemporaryDirectory("tributary-asana")
        sandbox = try AsanaSandbox(config: config)
        workspace = try Workspace(path: folder.file("workspace.sqlite"))
        owner = try workspace.owner(email: email)
        let encryption = try EncryptionKey.generate()
        key = encryption.base64
        let credentials = Credentials.personalAccessToken(config.token)
        let account = try await AsanaProvider().verify(credentials, at: sandbox.apiBase, options: Self.options())
        try workspace.connections.create(
            owner: owner, name: connectionName, provider: AsanaProvider.id, baseURL: sandbox.apiBase,
            authKind: credentials.kind, login: credentials.username, account: account, secret: credentials.secret,
            vault: CredentialVault(key: encryption))
    }

    deinit { sandbox.stop() }

    /// Writes a run config (JSON) for every project of the sandbox (or `projects`) and returns its path.
    public func configFile(
        name: String = "asana.json", projects: [String]? = nil, extraSource: [String: JSONValue] = [:],
        destination: [String: JSONValue] = ["project": "Engineering", "createProject": true]
    ) throws -> String {
        var source: [String: JSONValue] = [
            "provider": "asana", "containers": .array((projects ?? sandbox.projectGIDs).map(JSONValue.string)),
            "cap": .null, "pageSize": 50, "worklogs": false,
        ]
        for (key, value) in extraSource { source[key] = value }
        return try writeRunConfig(
            at: folder.file(name), owner: owner.email, connection: connectionName, provider: "asana", source: source,
            destination: destination)
    }

    public func run(_ path: String, incremental: Bool = false, observer: any ImportObserver = SilentObserver())
        async throws -> ImportReport
    {
        try await runConfig(path, incremental: incremental, observer: observer)
    }
}
