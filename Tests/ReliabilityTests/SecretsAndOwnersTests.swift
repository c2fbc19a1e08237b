import Foundation
import ImportCore
import ProviderSandbox
import TestSupport
import Testing
import WorkspaceStore

@Suite("Secrets never leak; owners never see each other")
struct SecretsAndOwnersTests {
    /// Every place a secret could end up on disk: the database, its WAL and shared memory.
    static func files(_ database: String) -> [String] { [database, database + "-wal", database + "-shm"] }

    static func contains(_ needle: [UInt8], in path: String) -> Bool {
        guard let data = FileManager.default.contents(atPath: path), !needle.isEmpty, data.count >= needle.count else {
            return false
        }
        return data.range(of: Data(needle)) != nil
    }

    @Test(
        "after connect, run, a failure, a report and a disconnect, the token's bytes are nowhere; disconnect removes the ciphertext"
    )
    func tokenNowhere() async throws {
        let fixture = try JiraSandboxFixture(JiraSandboxConfig(issues: 30))
        let folder = TemporaryDirectory("tributary-secrets")
        let database = folder.file("w.sqlite")
        let environment = [
            "TRIBUTARY_ENCRYPTION_KEY": try EncryptionKey.generate().base64, "TRIBUTARY_DB": database,
            "TRIBUTARY_OWNER": "a@example.com",
        ]
        let token = fixture.config.apiToken
        let basic = Data("\(fixture.config.email):\(token)".utf8).base64EncodedString()
        var outputs: [String] = []
        func cli(_ arguments: [String], stdin: String? = nil) async throws -> CLIProcess.Result {
            let result = try await CLIProcess.run(
                arguments, environment: environment, stdin: stdin, directory: folder.path)
            outputs.append(result.stdout + result.stderr)
            return result
        }
        await #expect(
            try cli(
                [
                    "connect", "jira", "--name", "work", "--url", fixture.url, "--email", fixture.config.email,
                    "--token-stdin",
                ], stdin: token
            ).status == 0)
        // A failed connect with a token Jira echoes nowhere, and a failed verify with a wrong token.
        _ = try await cli(
            [
                "connect", "jira", "--name", "bad", "--url", fixture.url, "--email", fixture.config.email,
                "--token-stdin",
            ], stdin: "wrong-token-12345")
        let config: JSONValue = [
            "connection": "work", "source": ["provider": "jira", "projects": ["DEMO", "OPS"], "cap": .null],
            "destination": ["project": "P", "createProject": true],
        ]
        let configPath = folder.file("c.json")
        try JSONWriter().data(config).write(to: URL(fileURLWithPath: configPath))
        await #expect(try cli(["run", configPath]).status == 0)
        _ = try await cli(["run", configPath, "--json"])
        let batch: JSONValue = ["runs": [["name": "one", "config": .string(configPath)]]]
        let batchPath = folder.file("b.json")
        try JSONWriter().data(batch).write(to: URL(fileURLWithPath: batchPath))
        _ = try await cli(["migrate", batchPath, "--report-dir", folder.path])
        // A failure: the source goes down mid-way.
        var down = FaultPlan()
        down.unavailable503 = 1
        fixture.sandbox.setFaults(down)
        _ = try await cli(["run", configPath, "--incremental"])
        fixture.sandbox.setFaults(FaultPlan())
        _ = try await cli(["jobs", "--json"])
        _ = try await cli(["audit", "--json"])
        _ = try await cli(["connections", "--json"])
        for job in 1...4 { _ = try await cli(["jobs", "show", String(job), "--json"]) }

        let workspace = try Workspace(path: database)
        let ciphertext = try #require(
            try workspace.db.scalar("SELECT encrypted_secret FROM connections WHERE name = 'work'").blobValue)
        for needle in [token, basic] {
            for output in outputs { #expect(!output.contains(needle)) }
            for path in Self.files(database) {
                #expect(!Self.contains(Array(needle.utf8), in: path), "\(path) holds the token")
            }
            for path in ["migration-report.html", "migration-report.json"].map(folder.file) {
                #expect(!((try? String(contentsOfFile: path, encoding: .utf8)) ?? "").contains(needle))
            }
            for table in ["import_jobs", "audit_log", "import_failures", "connections", "reference_data"] {
                let dump = try workspace.db.query("SELECT * FROM \(table)").map { row in
                    row.values.map { $0.stringValue ?? "" }.joined()
                }.joined()
                #expect(!dump.contains(needle), "\(table) holds the token")
            }
        }
        await #expect(try cli(["disconnect", "work"]).status == 0)
        for path in Self.files(database) {
            #expect(!Self.contains(ciphertext, in: path), "\(path) still holds the ciphertext")
        }
        #expect(
            try workspace.db.scalar(
                "SELECT COUNT(*) FROM connections WHERE encrypted_secret IS NOT NULL AND name = 'work'"
            ).intValue == 0)
        figure(
            "secrets: \(outputs.count) command outputs, 3 database files, 2 reports and 5 tables searched for the token and its Basic pair: 0 hits; ciphertext gone after disconnect"
        )
    }

    @Test(
        "two owners in one database: each sees only their connections, jobs and audit; another's connection is refused")
    func owners() async throws {
        let fixture = try JiraSandboxFixture(JiraSandboxConfig(issues: 20))
        let folder = TemporaryDirectory("tributary-owners")
        let database = folder.file("w.sqlite")
        let key = try EncryptionKey.generate().base64
        func cli(_ owner: String, _ arguments: [String], stdin: String? = nil) async throws -> CLIProcess.Result {
            try await CLIProcess.run(
                arguments,
                environment: ["TRIBUTARY_ENCRYPTION_KEY": key, "TRIBUTARY_DB": database, "TRIBUTARY_OWNER": owner],
                stdin: stdin, directory: folder.path)
        }
        for owner in ["alice@example.com", "bob@example.com"] {
            let name = owner.hasPrefix("alice") ? "alice-jira" : "bob-jira"
            await #expect(
                try cli(
                    owner,
                    [
                        "connect", "jira", "--name", name, "--url", fixture.url, "--email", fixture.config.email,
                        "--token-stdin",
                    ], stdin: fixture.config.apiToken
                ).status == 0)
        }
        let config: JSONValue = [
            "owner": "bob@example.com", "connection": "alice-jira",
            "source": ["provider": "jira", "projects": ["DEMO"]],
            "destination": ["project": "Stolen", "createProject": true],
        ]
        let configPath = folder.file("steal.json")
        try JSONWriter().data(config).write(to: URL(fileURLWithPath: configPath))
        let steal = try await cli("bob@example.com", ["run", configPath])
        #expect(steal.status == 1)
        #expect(steal.stderr.contains("no connection named \"alice-jira\" for bob@example.com"))
        var own = config.objectValue!
        own["connection"] = "bob-jira"
        try JSONWriter().data(.object(own)).write(to: URL(fileURLWithPath: configPath))
        await #expect(try cli("bob@example.com", ["run", configPath]).status == 0)
        let aliceConnections = try await cli("alice@example.com", ["connections", "--json"]).stdout
        #expect(aliceConnections.contains("alice-jira") && !aliceConnections.contains("bob-jira"))
        await #expect(try cli("alice@example.com", ["jobs"]).stdout.contains("no import jobs yet"))
        await #expect(try cli("alice@example.com", ["jobs", "show", "1"]).status == 1)
        let aliceAudit = try await cli("alice@example.com", ["audit", "--json"]).stdout
        #expect(!aliceAudit.contains("IMPORT"))
        await #expect(try cli("bob@example.com", ["audit"]).stdout.contains("JIRA_IMPORT_COMPLETED"))
        await #expect(try cli("alice@example.com", ["containers", "bob-jira"]).status == 1)
        await #expect(try cli("alice@example.com", ["disconnect", "bob-jira"]).status == 1)
        await #expect(try cli("bob@example.com", ["connections"]).stdout.contains("bob-jira"))
    }
}
