import Foundation
import ImportCore
import JiraProvider
import ProviderSandbox
import TestSupport
import Testing
import WorkspaceStore

@Suite("Flags mean what they say: --owner and --db win over the config, with a note")
struct FlagPrecedenceTests {
    @Test("run CONFIG --owner B files the rows under B although the config names A, and says so")
    func ownerFlagWins() async throws {
        let harness = try await ImportHarness(JiraSandboxConfig(issues: 5), owner: "alice@example.com")
        let config = try harness.configFile()
        // Bob has a connection of the same name to the same site.
        let bob = try harness.workspace.owner(email: "bob@example.com")
        let credentials = harness.fixture.validCredentials
        let account = try await JiraProvider().verify(
            credentials, at: harness.fixture.url, options: harness.fixture.options())
        try harness.workspace.connections.create(
            owner: bob, name: harness.connectionName, provider: "jira", baseURL: harness.fixture.url,
            authKind: credentials.kind, login: credentials.username, account: account, secret: credentials.secret,
            vault: CredentialVault(key: try EncryptionKey(encoded: harness.key, origin: "test")))
        let result = try await CLIProcess.run(
            ["run", config, "--owner", "bob@example.com", "--quiet"], environment: harness.environment)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(
            result.stderr.contains("note: --owner bob@example.com is used; the config's owner alice@example.com is not")
        )
        #expect(try harness.count("tasks", "owner_id = \(bob.id)") == 5)
        #expect(try harness.count("tasks", "owner_id = \(harness.owner.id)") == 0)
    }

    @Test("run CONFIG --db OTHER imports into OTHER although the config names a database, and says so")
    func databaseFlagWins() async throws {
        let harness = try await ImportHarness(JiraSandboxConfig(issues: 5))
        let config = try harness.configFile()
        // A copy of the workspace (connection included) under another name.
        let other = harness.folder.file("other.sqlite")
        try harness.workspace.db.execute("VACUUM INTO '\(other)'")
        let result = try await CLIProcess.run(
            ["run", config, "--db", other, "--quiet"], environment: harness.environment)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(
            result.stderr.contains("note: --db \(other) is used; the config's database \(harness.databasePath) is not"))
        let copy = try Workspace(path: other)
        #expect(try copy.db.scalar("SELECT COUNT(*) FROM tasks").intValue == 5)
        #expect(try harness.count("tasks") == 0)
        // TRIBUTARY_DB is weaker than the config: the config's database is used, with a note.
        var environment = harness.environment
        environment["TRIBUTARY_DB"] = other
        let variable = try await CLIProcess.run(["run", config, "--quiet"], environment: environment)
        #expect(variable.status == 0)
        #expect(variable.stderr.contains("TRIBUTARY_DB (\(other)) is not"))
        #expect(try harness.count("tasks") == 5)
    }
}
