import Foundation
import ImportCore
import ImportTesting
import ProviderSandbox
import TestSupport
import Testing

/// The engine's guarantees, held against both destinations: the SQLite workspace and the in-memory
/// destination of `ImportTesting`. The engine knows neither; both must give the same import.
@Suite("The engine against every destination")
struct EngineOnEveryDestinationTests {
    @Test(
        "a full import lands every record; a second identical run changes nothing",
        arguments: DestinationHarness.Kind.allCases)
    func fullThenNoOp(_ kind: DestinationHarness.Kind) async throws {
        let harness = try await DestinationHarness(kind, JiraSandboxConfig(issues: 120))
        let config = try harness.config()
        let first = try await harness.run(config)
        #expect(first.counts.created == 120 && first.status == .completed, "\(first.counts)")
        let snapshot = try harness.snapshot()
        #expect(snapshot.count == 120)
        let second = try await harness.run(config)
        #expect(second.counts.unchanged == 120 && second.counts.created == 0 && second.counts.updated == 0)
        #expect(try harness.snapshot() == snapshot)
    }

    @Test("both destinations hold the same import, value for value")
    func sameImport() async throws {
        var snapshots: [[String]] = []
        for kind in DestinationHarness.Kind.allCases {
            let harness = try await DestinationHarness(kind, JiraSandboxConfig(issues: 80))
            _ = try await harness.run(try harness.config())
            snapshots.append(try harness.snapshot())
        }
        #expect(snapshots[0].count == 80)
        #expect(snapshots[0] == snapshots[1])
    }

    @Test(
        "mutate K at the source: exactly K updated; delete K and reconcile: exactly K deleted",
        arguments: DestinationHarness.Kind.allCases)
    func updatesAndDeletes(_ kind: DestinationHarness.Kind) async throws {
        let harness = try await DestinationHarness(kind, JiraSandboxConfig(issues: 100))
        let config = try harness.config(extraSource: ["reconcileDeletes": true])
        _ = try await harness.run(config)
        harness.sandbox.updateIssues(7)
        let updated = try await harness.run(config)
        #expect(updated.counts.updated == 7 && updated.counts.created == 0, "\(updated.counts)")
        let removed = harness.sandbox.deleteIssues(3)
        let reconciled = try await harness.run(config)
        #expect(reconciled.counts.deleted == removed.count, "\(reconciled.counts) for \(removed)")
        #expect(try harness.snapshot().filter { $0.contains("|deleted|") }.count == removed.count)
    }

    @Test(
        "incremental: only what changed since the last run is asked for and written",
        arguments: DestinationHarness.Kind.allCases)
    func incremental(_ kind: DestinationHarness.Kind) async throws {
        let harness = try await DestinationHarness(kind, JiraSandboxConfig(issues: 100))
        let config = try harness.config()
        _ = try await harness.run(config, incremental: true)
        harness.sandbox.updateIssues(5)
        harness.sandbox.resetRequestCounts()
        let report = try await harness.run(config, incremental: true)
        #expect(report.mode == "incremental")
        #expect(report.counts.updated == 5)
        #expect(report.counts.processed < 20, "\(report.counts)")
        #expect(harness.sandbox.requestCounts["POST /rest/api/3/search/jql"] == 1)
    }

    @Test(
        "a run cut off by an outage keeps whole pages and the next run resumes to the same import",
        arguments: DestinationHarness.Kind.allCases)
    func outageAndResume(_ kind: DestinationHarness.Kind) async throws {
        let harness = try await DestinationHarness(kind, JiraSandboxConfig(issues: 200))
        let config = try harness.config(extraSource: ["bulkFetch": "never"])
        // Two pages of 40 issues are served, then the site stops serving issues.
        harness.sandbox.failSearches(after: 2)
        let failure = await captureError(ImportRunError.self) { _ = try await harness.engine().run(config) }
        #expect(failure != nil)
        #expect(try harness.snapshot().count == 80, "whole pages only, each that was served")
        harness.sandbox.intercept(nil)
        let resumed = try await harness.run(config)
        #expect(resumed.resumedFrom != nil)
        let reference = try await DestinationHarness(kind, JiraSandboxConfig(issues: 200))
        _ = try await reference.run(try reference.config())
        #expect(try harness.snapshot() == reference.snapshot())
    }

    @Test(
        "a dry run plans exactly what the run then does, and writes nothing",
        arguments: DestinationHarness.Kind.allCases)
    func dryRun(_ kind: DestinationHarness.Kind) async throws {
        let harness = try await DestinationHarness(kind, JiraSandboxConfig(issues: 60))
        let config = try harness.config()
        let planned = try await harness.run(config, dryRun: true)
        #expect(planned.counts.created == 60 && planned.dryRun)
        #expect(try harness.snapshot().isEmpty)
        let done = try await harness.run(config)
        #expect(done.counts == planned.counts)
        harness.sandbox.updateIssues(4)
        let again = try await harness.run(config, dryRun: true)
        #expect(again.counts.updated == 4 && again.counts.unchanged == 56)
        #expect(again.plannedChanges.count == 4)
    }

    @Test("a provider that hands out a cursor twice, or empty pages forever, is stopped by the engine itself")
    func noProgressGuard() async throws {
        let folder = TemporaryDirectory("tributary-scripted")
        let table = folder.file("scripted.json")
        try Data(
            #"{"format":1,"provider":"scripted","task":{"fields":[{"target":"external_id","from":"id","required":true},{"target":"title","from":"title","required":true},{"target":"status","from":"status","default":"Not Started"}]}}"#
                .utf8
        ).write(to: URL(fileURLWithPath: table))
        let scripts: [(String, ScriptedProvider.Script)] = [
            (
                "handed out a page cursor it had handed out before",
                { _, _ in RecordPage(records: [["id": "1", "title": "one"]], next: PageCursor("again")) }
            ),
            (
                "empty pages in a row",
                { _, cursor in RecordPage(records: [], next: PageCursor((cursor?.value ?? "") + "+")) }
            ),
        ]
        for (message, script) in scripts {
            let memory = InMemoryDestination()
            let owner = try memory.owner(email: "alice@example.com")
            memory.addConnection(
                owner: owner, name: "script", provider: "scripted", baseURL: "https://scripted.invalid",
                credentials: .apiKey("k-0123456789"))
            let engine = ImportEngine(
                destination: memory, connections: memory,
                registry: ProviderRegistry([ScriptedProvider(script: script)]),
                environment: [:], vault: { CredentialVault(key: try EncryptionKey.generate()) })
            let config = try RunConfig.parse(
                JSONWriter().data([
                    "owner": "alice@example.com", "connection": "script",
                    "source": ["provider": "scripted", "containers": ["X"], "cap": .null],
                    "destination": ["project": "P", "createProject": true], "mapping": ["table": .string(table)],
                ]), origin: "scripted")
            let error = await captureError(ImportRunError.self) { _ = try await engine.run(config) }
            #expect(error?.message.contains("no progress") == true, "\(String(describing: error))")
            #expect(error?.message.contains(message) == true, "\(String(describing: error))")
        }
    }
}
