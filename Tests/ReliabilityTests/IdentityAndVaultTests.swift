import Foundation
import ImportCore
import JiraProvider
import ProviderSandbox
import TestSupport
import Testing
import WorkspaceStore

/// Rows that must stay apart (two sites, two destinations) and credentials that must stay bound to
/// their connection (a database edited without the key, a second key, the login the user gave).
@Suite("Provenance identity and credential binding")
struct IdentityAndVaultTests {
    static let issues = 40

    @Test("two Cloud sites and a Data Center site with the same issue ids stay apart in one project")
    func sitesStayApart() async throws {
        let harness = try await ImportHarness(JiraSandboxConfig(issues: Self.issues))
        let second = try await harness.addSite(
            JiraSandboxConfig(issues: Self.issues, cloudID: "7f0c2a10-0000-4000-8000-00000000b0b0"), name: "second")
        let server = try await harness.addSite(
            JiraSandboxConfig(issues: Self.issues, deployment: .dataCenter), name: "server")
        #expect(harness.sandbox.issueIDs == second.sandbox.issueIDs)
        #expect(harness.sandbox.issueIDs == server.sandbox.issueIDs)
        let reconcile: [String: JSONValue] = ["reconcileDeletes": true]
        var configs: [String] = []
        for connection in ["work", "second", "server"] {
            configs.append(
                try harness.configFile(name: connection + ".json", connection: connection, extraSource: reconcile))
        }
        for config in configs {
            let report = try await harness.run(config)
            #expect(report.counts.created == Self.issues, "\(config)")
        }
        #expect(try harness.count("tasks") == 3 * Self.issues)
        #expect(try harness.count("tasks", "deleted_at IS NOT NULL") == 0)
        #expect(try harness.workspace.db.scalar("SELECT COUNT(DISTINCT external_instance) FROM tasks").intValue == 3)
        #expect(try WorkspaceDump.duplicateProvenance(harness.workspace.db).isEmpty)
        // Re-running each site updates nothing and moves nothing.
        for config in configs {
            let again = try await harness.run(config)
            #expect(again.counts.created == 0 && again.counts.updated == 0, "\(config): \(again.counts)")
        }
        // Deletes at one site are reconciled on that site's rows only.
        let deleted = second.sandbox.deleteIssues(3)
        let report = try await harness.run(configs[1])
        #expect(report.counts.deleted >= 3)
        let instance = try #require(
            try harness.workspace.connections.find(owner: harness.owner, name: "second")?.settings["instance"])
        #expect(instance == "7f0c2a10-0000-4000-8000-00000000b0b0")
        #expect(
            try harness.count("tasks", "deleted_at IS NOT NULL AND external_instance = '\(instance)'")
                == report.counts.deleted)
        #expect(try harness.count("tasks", "deleted_at IS NOT NULL") == report.counts.deleted)
        #expect(
            deleted.allSatisfy { id in
                (try? harness.count("tasks", "external_id = '\(id)' AND deleted_at IS NULL")) == 2
            })
    }

    @Test("one project imported into two destinations gives two copies; moving is explicit")
    func twoDestinations() async throws {
        let harness = try await ImportHarness(JiraSandboxConfig(issues: Self.issues))
        func config(_ name: String, _ destination: [String: JSONValue]) throws -> String {
            try harness.configFile(name: name, destination: destination)
        }
        let one = try config("one.json", ["project": "One", "createProject": true])
        let two = try config("two.json", ["project": "Two", "createProject": true])
        #expect(try await harness.run(one).counts.created == Self.issues)
        #expect(try await harness.run(two).counts.created == Self.issues)
        let perProject = "SELECT COUNT(*) FROM tasks t JOIN projects p ON p.id = t.project_id WHERE p.name = ?"
        func tasks(in project: String) throws -> Int {
            try harness.workspace.db.scalar(perProject, [.text(project)]).intValue ?? -1
        }
        #expect(try tasks(in: "One") == Self.issues && tasks(in: "Two") == Self.issues)
        let comments = try harness.count("comments")
        #expect(comments > 0 && comments % 2 == 0)
        // Each copy is kept in sync on its own; neither run moves the other's rows.
        harness.sandbox.updateIssues(4)
        #expect(try await harness.run(one).counts.updated == 4)
        #expect(try await harness.run(two).counts.updated == 4)
        #expect(try tasks(in: "One") == Self.issues && tasks(in: "Two") == Self.issues)
        // Moving is asked for by name: the tasks (and their children) of "One" go to "Three".
        let localIDs = try harness.workspace.db.query(
            "SELECT t.id FROM tasks t JOIN projects p ON p.id = t.project_id WHERE p.name = 'One' ORDER BY t.id"
        ).compactMap { $0.int64("id") }
        let three = try config("three.json", ["project": "Three", "createProject": true, "moveFrom": ["One"]])
        let moved = try await harness.run(three)
        #expect(moved.counts.created == 0 && moved.counts.updated == Self.issues)
        #expect(try tasks(in: "One") == 0 && tasks(in: "Three") == Self.issues && tasks(in: "Two") == Self.issues)
        let movedIDs = try harness.workspace.db.query(
            "SELECT t.id FROM tasks t JOIN projects p ON p.id = t.project_id WHERE p.name = 'Three' ORDER BY t.id"
        ).compactMap { $0.int64("id") }
        #expect(movedIDs == localIDs, "moving keeps the local ids")
        #expect(
            try harness.count(
                "comments c JOIN tasks t ON t.id = c.task_id", "c.project_id IS NOT t.project_id") == 0)
        #expect(try WorkspaceDump.duplicateProvenance(harness.workspace.db).isEmpty)
        let unknown = try config("four.json", ["project": "Four", "createProject": true, "moveFrom": ["Nowhere"]])
        let error = await captureError(ImportRunError.self) { _ = try await harness.run(unknown) }
        #expect(error?.message.contains("destination.moveFrom[0]") == true)
    }

    @Test("a database from before instances migrates: its rows are kept, adopted and updated in place")
    func oldDatabaseMigrates() async throws {
        let site = try JiraSandboxFixture(JiraSandboxConfig(issues: Self.issues))
        let folder = TemporaryDirectory("tributary-old")
        let path = folder.file("old.sqlite")
        let key = try EncryptionKey.generate()
        // Schema v4 and rows as the previous release wrote them (secret sealed with version 1).
        do {
            let db = try SQLiteDatabase(path: path)
            try Migrator.migrate(db, migrations: Array(WorkspaceSchema.migrations.prefix(4)))
            try db.execute("INSERT INTO owners (id, email, created_at) VALUES (1, 'alice@example.com', 'x')")
            try db.execute("INSERT INTO projects (id, owner_id, name, created_at) VALUES (1, 1, 'Engineering', 'x')")
            let nonce = try AESGCM.randomBytes(12)
            let sealed = try AESGCM.seal(
                Array(site.config.apiToken.utf8), key: hexBytes(hexString(try Self.raw(key))), nonce: nonce,
                aad: Array("tributary:v1:owner=1:connection=work".utf8))
            let blob = [UInt8(1)] + nonce + sealed.ciphertext + sealed.tag
            try db.execute(
                """
                INSERT INTO connections (id, owner_id, name, provider, base_url, account_email, account_id, auth_kind,
                    encrypted_secret, settings_json, created_at)
                VALUES (1, 1, 'work', 'jira', ?, ?, 'acc', 'email-token', ?, ?, 'x')
                """,
                [
                    .text(site.url), .text(site.config.email), .blob(blob),
                    .text(
                        #"{"deployment":"cloud","apiVersion":"3","route":"site","gatewayURL":"\#(site.sandbox.gatewayURL)"}"#
                    ),
                ])
            try db.execute(
                """
                INSERT INTO import_jobs (id, owner_id, connection_id, provider, config_json, config_fingerprint, status,
                    started_at)
                VALUES (1, 1, 1, 'jira', '{}', 'old', 'completed', 'x')
                """)
            for (index, id) in site.sandbox.issueIDs.prefix(5).enumerated() {
                try db.execute(
                    """
                    INSERT INTO tasks (id, owner_id, project_id, title, status, external_source, external_id,
                        import_job_id, local_notes, created_at, updated_at)
                    VALUES (?, 1, 1, 'old title', 'Not Started', 'jira', ?, 1, 'keep me', 'x', 'x')
                    """, [.integer(Int64(900 + index)), .text(String(id))])
            }
            db.close()
        }
        let workspace = try Workspace(path: path)
        #expect(try Migrator.currentVersion(workspace.db) == WorkspaceSchema.migrations.count)
        #expect(
            try workspace.db.scalar("SELECT COUNT(*) FROM tasks WHERE external_instance = ?", [.text(site.url)])
                .intValue == 5)
        let config: JSONValue = [
            "owner": "alice@example.com", "database": .string(path), "connection": "work",
            "source": ["provider": "jira", "projects": ["DEMO", "OPS"], "cap": .null],
            "destination": ["project": "Engineering"],
            "mapping": [
                "table": .string(CLIProcess.repositoryRoot.appendingPathComponent("Providers/jira/mapping.json").path)
            ],
        ]
        let configPath = folder.file("run.json")
        try JSONWriter().data(config).write(to: URL(fileURLWithPath: configPath))
        let engine = ImportEngine(
            workspace: workspace, registry: ProviderRegistry([JiraProvider()]), environment: [:],
            vault: { CredentialVault(key: key) })
        let report = try await engine.run(try RunConfig.load(path: configPath))
        #expect(report.counts.created == Self.issues - 5 && report.counts.updated == 5, "\(report.counts)")
        #expect(try workspace.db.scalar("SELECT COUNT(*) FROM tasks").intValue == Self.issues)
        #expect(
            try workspace.db.scalar(
                "SELECT COUNT(*) FROM tasks WHERE id >= 900 AND local_notes = 'keep me' AND title != 'old title'"
            ).intValue == 5)
        #expect(try workspace.db.scalar("SELECT COUNT(DISTINCT external_instance) FROM tasks").intValue == 1)
        #expect(try workspace.db.scalar("SELECT substr(encrypted_secret, 1, 1) FROM connections").blobValue == [2])
    }

    /// The raw bytes of a key (the tests own the key, so they may look at it).
    static func raw(_ key: EncryptionKey) throws -> [UInt8] {
        guard let data = Data(base64Encoded: key.base64) else { throw CocoaError(.coderInvalidValue) }
        return [UInt8](data)
    }

    @Test("a database edited without the key cannot send the token elsewhere, nor as another kind of credential")
    func tamperedSettings() async throws {
        let attacker = try RecordingServer { _ in .json(200, #"{"accountId":"evil","displayName":"Evil"}"#) }
        let edits: [(String, String)] = [
            ("base_url", "UPDATE connections SET base_url = '\(attacker.url)'"),
            ("auth_kind", "UPDATE connections SET auth_kind = 'pat'"),
            ("login", "UPDATE connections SET login = 'someone@else.example'"),
            (
                "gateway",
                "UPDATE connections SET settings_json = json_set(settings_json, '$.gatewayURL', '\(attacker.url)', '$.route', 'gateway', '$.cloudId', 'x')"
            ),
            ("provider", "UPDATE connections SET provider = 'jira ' || ''"),
        ]
        for (name, edit) in edits {
            let harness = try await ImportHarness(JiraSandboxConfig(issues: 5))
            let config = try harness.configFile()
            try harness.workspace.db.execute(edit)
            let result = try await CLIProcess.run(["run", config, "--quiet"], environment: harness.environment)
            #expect(result.status != 0, "\(name): the run went ahead")
            if name != "provider" {
                #expect(result.stderr.contains("does not belong to the connection"), "\(name): \(result.stderr)")
            }
        }
        #expect(attacker.requests.isEmpty, "the attacker's server was contacted: \(attacker.requests.map(\.path))")
        // Settings that say nothing about where the token goes may change: the instance, the time zone.
        let harness = try await ImportHarness(JiraSandboxConfig(issues: 5))
        try harness.workspace.db.execute(
            "UPDATE connections SET settings_json = json_set(settings_json, '$.timeZone', 'UTC')")
        #expect(try await harness.run(try harness.configFile()).counts.created == 5)
    }

    @Test("a second key can neither seal nor open; the first key keeps working")
    func oneKeyPerDatabase() async throws {
        let harness = try await ImportHarness(JiraSandboxConfig(issues: 5))
        let other = CredentialVault(key: try EncryptionKey.generate())
        let account = Account(id: "x", displayName: "X", email: "x@example.com")
        #expect(throws: VaultError.self) {
            try harness.workspace.connections.create(
                owner: harness.owner, name: "second", provider: "jira", baseURL: "https://x.atlassian.net",
                authKind: .emailToken, login: "x@example.com", account: account, secret: SecretString("t-second"),
                vault: other)
        }
        #expect(throws: VaultError.self) {
            try harness.workspace.connections.rotate(
                owner: harness.owner, name: harness.connectionName, secret: SecretString("t-rotated"), account: account,
                vault: other)
        }
        do {
            _ = try harness.workspace.connections.credentials(
                owner: harness.owner, name: harness.connectionName, vault: other)
            Issue.record("a second key opened the credential")
        } catch let error as VaultError {
            guard case .wrongKey = error else {
                Issue.record("expected wrongKey, got \(error)")
                return
            }
            #expect("\(error)".contains("not the one this database's credentials are sealed with"))
        }
        let cli = try await CLIProcess.run(
            [
                "connect", "jira", "--name", "again", "--url", harness.fixture.url, "--email",
                harness.fixture.config.email,
                "--token-stdin", "--db", harness.databasePath, "--owner", harness.owner.email,
            ], environment: ["TRIBUTARY_ENCRYPTION_KEY": try EncryptionKey.generate().base64],
            stdin: harness.fixture.config.apiToken)
        #expect(
            cli.status != 0 && cli.stderr.contains("not the one this database's credentials are sealed with"),
            "\(cli.stderr)")
        #expect(try harness.workspace.connections.find(owner: harness.owner, name: "again") == nil)
        #expect(try await harness.run(try harness.configFile()).counts.created == 5)
    }

    @Test("the email the user authenticated with is kept, whatever /myself reports")
    func loginKept() async throws {
        let harness = try await ImportHarness(JiraSandboxConfig(issues: 5))
        harness.sandbox.intercept { request, emulator in
            guard request.path.hasSuffix("/myself") else { return emulator() }
            var answer = emulator()
            if let body = try? JSONParser.parse(answer.body), case .object(var me) = body {
                me["emailAddress"] = "alias@elsewhere.example"
                answer.body = JSONWriter().data(.object(me))
            }
            return answer
        }
        let connect = try await CLIProcess.run(
            [
                "connect", "jira", "--name", "aliased", "--url", harness.fixture.url, "--email",
                harness.fixture.config.email, "--token-stdin", "--db", harness.databasePath, "--owner",
                harness.owner.email,
            ], environment: harness.environment, stdin: harness.fixture.config.apiToken)
        #expect(connect.status == 0, "\(connect.stderr)")
        let record = try #require(try harness.workspace.connections.find(owner: harness.owner, name: "aliased"))
        #expect(record.login == harness.fixture.config.email)
        #expect(record.accountEmail == "alias@elsewhere.example")
        let report = try await harness.run(try harness.configFile(connection: "aliased"))
        #expect(report.counts.created == 5)
    }
}
