import Foundation
import ImportCore
import JiraProvider
import ProviderSandbox
import WorkspaceStore

/// A workspace in a temporary folder, connected to a Jira sandbox, with helpers to write run configs
/// and run the engine in-process (or the CLI, with `environment`).
public final class ImportHarness: WorkspaceHarness {
    public let folder: TemporaryDirectory
    public let fixture: JiraSandboxFixture
    public let workspace: Workspace
    public let owner: Owner
    /// The encryption key (base64) the stored connection was sealed with.
    public let key: String
    public let connectionName = "work"

    public var sandbox: JiraSandbox { fixture.sandbox }
    public var registry: ProviderRegistry { ProviderRegistry([JiraProvider()]) }

    public init(_ config: JiraSandboxConfig = JiraSandboxConfig(), owner email: String = "alice@example.com")
        async throws
    {
        folder = TemporaryDirectory("tributary-engine")
        fixture = try JiraSandboxFixture(config)
        workspace = try Workspace(path: folder.file("workspace.sqlite"))
        owner = try workspace.owner(email: email)
        let encryption = try EncryptionKey.generate()
        key = encryption.base64
        let credentials = fixture.validCredentials
        let account = try await JiraProvider().verify(credentials, at: fixture.url, options: fixture.options())
        try workspace.connections.create(
            owner: owner, name: connectionName, provider: "jira", baseURL: fixture.url, authKind: credentials.kind,
            login: credentials.username,
            account: Account(
                id: account.id, displayName: account.displayName, email: account.email, timeZone: account.timeZone,
                settings: account.settings.merging(["gatewayURL": fixture.sandbox.gatewayURL]) { $1 }),
            secret: credentials.secret, vault: CredentialVault(key: encryption))
    }

    /// Starts another sandbox site and connects it to the same workspace as `name` (a second Jira
    /// site beside the first); keep the fixture alive as long as the site is used.
    public func addSite(_ config: JiraSandboxConfig, name: String) async throws -> JiraSandboxFixture {
        let site = try JiraSandboxFixture(config)
        let credentials = site.validCredentials
        let account = try await JiraProvider().verify(credentials, at: site.url, options: site.options())
        try workspace.connections.create(
            owner: owner, name: name, provider: "jira", baseURL: site.url, authKind: credentials.kind,
            login: credentials.username,
            account: Account(
                id: account.id, displayName: account.displayName, email: account.email, timeZone: account.timeZone,
                settings: account.settings.merging(["gatewayURL": site.sandbox.gatewayURL]) { $1 }),
            secret: credentials.secret, vault: CredentialVault(key: try EncryptionKey(encoded: key, origin: "test")))
        return site
    }

    /// Writes a run config (JSON) to the folder and returns its path.
    public func configFile(
        name: String = "run.json", connection: String? = nil, projects: [String] = ["DEMO", "OPS"],
        cap: JSONValue = .null, extraSource: [String: JSONValue] = [:],
        destination: [String: JSONValue] = ["project": "Engineering", "createProject": true],
        params: [String: JSONValue] = [:]
    ) throws -> String {
        var source: [String: JSONValue] = [
            "provider": "jira", "projects": .array(projects.map(JSONValue.string)), "cap": cap, "pageSize": 40,
        ]
        for (key, value) in extraSource { source[key] = value }
        let config: JSONValue = [
            "owner": .string(owner.email), "database": .string(databasePath),
            "connection": .string(connection ?? connectionName),
            "source": .object(source), "destination": .object(destination),
            "mapping": [
                "table": .string(CLIProcess.repositoryRoot.appendingPathComponent("Providers/jira/mapping.json").path),
                "params": .object(params),
            ],
        ]
        let path = folder.file(name)
        try JSONWriter(pretty: true).data(config).write(to: URL(fileURLWithPath: path))
        return path
    }

    public func run(
        _ path: String, incremental: Bool = false, dryRun: Bool = false, observer: any ImportObserver = SilentObserver()
    )
        async throws -> ImportReport
    {
        try await engine(observer: observer).run(
            try RunConfig.load(path: path), options: .init(incremental: incremental, dryRun: dryRun))
    }
}
