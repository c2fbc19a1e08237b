import Foundation
import ImportCore
import TestSupport
import Testing
import WorkspaceStore

/// A provider whose network part is not written yet (`StubConnection`, as a new provider starts):
/// a run naming it stops with the typed not-implemented message before any request, and writes
/// nothing, not even a job.
@Suite("A run through a stub provider")
struct StubProviderRunTests {
    /// A provider in its first hour: registered, with a table, but no HTTP part.
    struct DraftProvider: Provider {
        var descriptor: ProviderDescriptor {
            ProviderDescriptor(
                id: "draft", displayName: "Draft", authKinds: [.apiKey], defaultBaseURL: "https://draft.invalid/api",
                verifyEndpoint: "GET /me", pagination: "none yet", containerNoun: "list",
                readiness: .stub(works: ["registration", "mapping table"], missing: ["HTTP fetching"]))
        }

        func connect(_ settings: ConnectionSettings) throws -> any ProviderConnection {
            StubConnection(provider: "draft", siteURL: "https://draft.invalid")
        }
    }

    @Test("the run fails with the stub's message, sends nothing and writes nothing")
    func stubRun() async throws {
        let folder = TemporaryDirectory("tributary-stub")
        let workspace = try Workspace(path: folder.file("workspace.sqlite"))
        let table = folder.file("draft.json")
        try Data(
            #"""
            {"format": 1, "provider": "draft", "record": {"id": "id"},
             "task": {"fields": [{"target": "external_id", "from": "id", "required": true},
                                 {"target": "title", "from": "name"}, {"target": "status", "from": "state"}]}}
            """#.utf8
        ).write(to: URL(fileURLWithPath: table))
        let config: JSONValue = [
            "owner": "alice@example.com", "database": .string(workspace.path),
            "connection": [
                "provider": "draft", "url": "https://draft.invalid/api", "tokenEnv": "DRAFT_TOKEN",
                "authKind": "api-key",
            ],
            "source": ["provider": "draft", "containers": ["L1"]],
            "destination": ["project": "Eng", "createProject": true], "mapping": ["table": .string(table)],
        ]
        let path = folder.file("draft-run.json")
        try JSONWriter(pretty: true).data(config).write(to: URL(fileURLWithPath: path))
        let engine = ImportEngine(
            workspace: workspace, registry: ProviderRegistry([DraftProvider()]),
            environment: ["DRAFT_TOKEN": "draft_secret_0123456789"],
            vault: { CredentialVault(key: try EncryptionKey.generate()) })
        let failure = await captureError((any Error).self) {
            _ = try await engine.run(try RunConfig.load(path: path), options: .init(incremental: false, dryRun: false))
        }
        let message = String(describing: failure ?? ProviderError.notImplemented(provider: "none", part: "none"))
        #expect(message.contains("the draft provider is a stub: fetching records over HTTP is not implemented yet"))
        #expect(!message.contains("draft_secret_0123456789"))
        #expect(try workspace.db.scalar("SELECT COUNT(*) FROM tasks").intValue == 0)
        #expect(try workspace.db.scalar("SELECT COUNT(*) FROM import_jobs").intValue == 0)
    }
}
