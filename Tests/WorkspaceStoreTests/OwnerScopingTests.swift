import Foundation
import ImportCore
import TestSupport
import Testing
import WorkspaceStore

@Suite("Owner scoping of connections, jobs and audit rows")
struct OwnerScopingTests {
    let folder = TemporaryDirectory()

    func setUp() throws -> (Workspace, Owner, Owner, CredentialVault) {
        let workspace = try Workspace(path: folder.file("w.sqlite"))
        let alice = try workspace.owner(email: "alice@example.com")
        let bob = try workspace.owner(email: "bob@example.com")
        let vault = CredentialVault(key: try EncryptionKey.generate())
        return (workspace, alice, bob, vault)
    }

    @Test("owner A cannot list, find or decrypt owner B's connection")
    func connections() throws {
        let (workspace, alice, bob, vault) = try setUp()
        let account = Account(id: "acc-1", displayName: "Bob", email: "bob@example.com", timeZone: "Europe/Paris")
        try workspace.connections.create(
            owner: bob, name: "work", provider: "jira", baseURL: "https://bob.atlassian.net", authKind: .emailToken,
            account: account, secret: SecretString("bob-token"), vault: vault)
        #expect(try workspace.connections.list(owner: alice).isEmpty)
        #expect(try workspace.connections.find(owner: alice, name: "work") == nil)
        #expect(throws: WorkspaceError.connectionNotFound(name: "work", owner: "alice@example.com")) {
            _ = try workspace.connections.credentials(owner: alice, name: "work", vault: vault)
        }
        let credentials = try workspace.connections.credentials(owner: bob, name: "work", vault: vault)
        #expect(credentials.secret.reveal() == "bob-token")
        #expect(credentials.username == "bob@example.com")
        #expect(try workspace.connections.find(owner: bob, name: "work")?.settings["timeZone"] == "Europe/Paris")

        // Copying Bob's ciphertext into a row of Alice's does not let Alice decrypt it.
        try workspace.connections.create(
            owner: alice, name: "work", provider: "jira", baseURL: "https://alice.atlassian.net", authKind: .emailToken,
            account: account, secret: SecretString("alice-token"), vault: vault)
        try workspace.db.execute(
            """
            UPDATE connections SET encrypted_secret = (SELECT encrypted_secret FROM connections WHERE owner_id = ?)
            WHERE owner_id = ?
            """, [.integer(bob.id), .integer(alice.id)])
        #expect(throws: VaultError.settingsChanged(connection: "work")) {
            _ = try workspace.connections.credentials(owner: alice, name: "work", vault: vault)
        }
    }

    @Test("audit rows and jobs are visible to their owner only")
    func auditAndJobs() throws {
        let (workspace, alice, bob, _) = try setUp()
        try workspace.audit.record(owner: bob, action: "JIRA_CONNECTED", subject: "work")
        #expect(try workspace.audit.list(owner: alice).isEmpty)
        #expect(try workspace.audit.list(owner: bob).map(\.action) == ["JIRA_CONNECTED"])
        let job = try workspace.jobs.start(
            owner: bob, connectionID: nil, provider: "jira", destinationProjectID: nil, configJSON: "{}",
            fingerprint: "f", mode: "full", resumedFrom: nil)
        #expect(try workspace.jobs.list(owner: alice).isEmpty)
        #expect(try workspace.jobs.find(owner: alice, id: job.id) == nil)
        #expect(try workspace.jobs.find(owner: bob, id: job.id)?.status == .running)
    }

    @Test("revoking deletes the ciphertext and audits it; rotation replaces it")
    func revokeAndRotate() throws {
        let (workspace, alice, _, vault) = try setUp()
        let account = Account(id: "acc", displayName: "Alice", email: "alice@example.com")
        try workspace.connections.create(
            owner: alice, name: "work", provider: "jira", baseURL: "https://a.atlassian.net", authKind: .emailToken,
            account: account, secret: SecretString("first-token"), vault: vault)
        try workspace.connections.rotate(
            owner: alice, name: "work", secret: SecretString("second-token"), account: account, vault: vault)
        #expect(
            try workspace.connections.credentials(owner: alice, name: "work", vault: vault).secret.reveal()
                == "second-token")
        try workspace.connections.revoke(owner: alice, name: "work")
        #expect(try workspace.connections.find(owner: alice, name: "work")?.hasSecret == false)
        #expect(throws: WorkspaceError.connectionRevoked(name: "work")) {
            _ = try workspace.connections.credentials(owner: alice, name: "work", vault: vault)
        }
        #expect(
            try workspace.audit.list(owner: alice).map(\.action) == [
                "JIRA_CONNECTED", "JIRA_CREDENTIALS_ROTATED", "JIRA_REVOKED",
            ])
    }
}
