import Foundation
import ImportCore
import LinearProvider
import ProviderSandbox
import TestSupport
import Testing
import WorkspaceStore

/// Linear imported through the engine into the SQLite workspace: the world's ground truth arrives
/// whole, re-runs change nothing, incremental runs change exactly what changed, archives and trash
/// are marked deleted (and restored), moves keep their row, kills resume exactly.
@Suite("Linear import into the workspace")
struct LinearImportTests {
    @Test("every issue, comment, attachment and sub-issue of the world arrives; a second run writes nothing")
    func groundTruth() async throws {
        let harness = try await LinearImportHarness(LinearSandboxConfig(issues: 160))
        harness.sandbox.archiveIssues(2)
        let config = try harness.configFile()
        let report = try await harness.run(config)
        let truth = harness.sandbox.groundTruth
        #expect(report.status == .completed)
        #expect(report.counts.created == truth.count)
        #expect(try harness.count("tasks") == truth.count)
        #expect(try harness.count("comments") == truth.values.map(\.comments).reduce(0, +))
        #expect(try harness.count("attachments") == truth.values.map(\.attachments).reduce(0, +))
        let checklistLimit = 30
        #expect(
            try harness.count("checklist_items") == truth.values.map { min($0.subIssues, checklistLimit) }.reduce(0, +))
        #expect(try harness.count("tasks", "deleted_at IS NOT NULL") == 2)
        let db = harness.workspace.db
        for (uuid, expected) in truth.sorted(by: { $0.key < $1.key }).prefix(40) {
            let row = try db.query(
                "SELECT title, external_key, labels_json, external_url FROM tasks WHERE external_id = ?",
                [.text(uuid)])
            let first = try #require(row.first, "\(expected.identifier) missing")
            // Titles are cut at the table's truncateTitle (200 characters).
            #expect(first[0].stringValue.map { expected.title.hasPrefix($0.prefix(150)) } == true)
            #expect(first[1].stringValue == expected.identifier)
            let labels = try JSONParser.parse(first[2].stringValue ?? "[]").arrayValue?.compactMap(\.stringValue)
            #expect(Set(labels ?? []) == Set(expected.labels), "\(expected.identifier) labels")
            #expect(first[3].stringValue?.hasPrefix(harness.sandbox.baseURL + "/tributary-sandbox/issue/") == true)
        }
        let replies = truth.values.map(\.replies).reduce(0, +)
        #expect(replies > 0, "the world has threaded replies and they are imported as comments")
        let again = try await harness.run(config)
        #expect(again.counts.created == 0)
        #expect(again.counts.updated == 0)
        #expect(again.counts.unchanged == truth.count)
    }

    @Test("incremental: K changed issues → exactly K updated, with a few requests")
    func incremental() async throws {
        let harness = try await LinearImportHarness(LinearSandboxConfig(issues: 200))
        let config = try harness.configFile()
        _ = try await harness.run(config)
        harness.sandbox.updateIssues(7)
        harness.sandbox.resetRequestCounts()
        let report = try await harness.run(config, incremental: true)
        #expect(report.counts.updated == 7)
        #expect(report.counts.created == 0)
        #expect(report.counts.unchanged <= 2, "only the overlap at the high-water mark is read again")
        #expect((harness.sandbox.requestCounts["POST /graphql"] ?? 0) <= 4)
    }

    @Test("archived and trashed issues are marked deleted; restored ones come back; deleted ones are reconciled")
    func archivesAndDeletes() async throws {
        let harness = try await LinearImportHarness(LinearSandboxConfig(issues: 150))
        let config = try harness.configFile(extraSource: ["reconcileDeletes": true])
        _ = try await harness.run(config)
        let archived = harness.sandbox.archiveIssues(3)
        let trashed = harness.sandbox.archiveIssues(2, trash: true)
        let marked = try await harness.run(config, incremental: true)
        #expect(marked.counts.updated == 5)
        #expect(try harness.count("tasks", "deleted_at IS NOT NULL") == 5)
        let restored = harness.sandbox.restoreIssues(Array(archived.prefix(2)) + Array(trashed.prefix(1)))
        #expect(restored.count == 3)
        let back = try await harness.run(config, incremental: true)
        #expect(back.counts.updated == 3)
        #expect(try harness.count("tasks", "deleted_at IS NOT NULL") == 2)
        let removed = harness.sandbox.deleteIssues(4)
        let reconciled = try await harness.run(config)
        #expect(reconciled.counts.deleted == removed.count)
        #expect(try harness.count("tasks", "deleted_at IS NOT NULL") == 2 + removed.count)
    }

    @Test("an issue moved to another team keeps its row: new identifier as external_key, the old one kept")
    func moves() async throws {
        let harness = try await LinearImportHarness(LinearSandboxConfig(issues: 80))
        let config = try harness.configFile()
        _ = try await harness.run(config)
        let moved = try #require(harness.sandbox.moveIssues(1).first)
        let uuid = try #require(harness.sandbox.uuid(ofItem: moved))
        let before = try harness.workspace.db.query(
            "SELECT id, external_key FROM tasks WHERE external_id = ?", [.text(uuid)])
        let report = try await harness.run(config, incremental: true)
        #expect(report.counts.created == 0)
        let after = try harness.workspace.db.query(
            "SELECT id, external_key, custom_fields_json FROM tasks WHERE external_id = ?", [.text(uuid)])
        #expect(after.count == 1)
        #expect(after.first?[0] == before.first?[0])
        #expect(after.first?[1] != before.first?[1])
        #expect(after.first?[2].stringValue?.contains(before.first?[1].stringValue ?? "?") == true)
        #expect(try harness.count("tasks") == harness.sandbox.issueCount)
    }

    @Test("SIGKILL after a seeded number of committed pages: the rerun equals an uninterrupted import, no duplicates")
    func killAndResume() async throws {
        var faults = FaultPlan()
        faults.latencyMilliseconds = 15
        let harness = try await LinearImportHarness(LinearSandboxConfig(issues: 400, faults: faults))
        let config = try harness.configFile(extraSource: ["pageSize": 20])
        let drill = try await KillAndResume.drill(config, in: harness, seed: 15, attempts: 12)
        #expect(drill.duplicates.isEmpty)
        #expect(drill.final.status == 0, "\(drill.final.stderr)")
        let reference = try await LinearImportHarness(LinearSandboxConfig(issues: 400))
        _ = try await reference.run(try reference.configFile(extraSource: ["pageSize": 20]))
        #expect(
            try WorkspaceDump.same(
                harness.workspace.db, site: harness.sandbox.baseURL, as: reference.workspace.db,
                site: reference.sandbox.baseURL))
        #expect(drill.kills >= 3)
    }
}
