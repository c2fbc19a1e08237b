import Foundation
import ImportCore
import ProviderSandbox
import TestSupport
import Testing
import WorkspaceStore

/// Asana imported through the engine into the SQLite workspace: the world's ground truth arrives
/// whole (subtasks as tasks and checklist items, stories' comments, attachments, custom fields),
/// re-runs change nothing, incremental runs change exactly what changed, deletes are reconciled,
/// kills resume exactly, expired offsets and 429s lose nothing.
@Suite("Asana import into the workspace")
struct AsanaImportTests {
    @Test(
        "every task, subtask, comment and attachment of the world arrives with its values; a second run writes nothing")
    func groundTruth() async throws {
        let harness = try await AsanaImportHarness(AsanaSandboxConfig(issues: 160))
        let config = try harness.configFile()
        let report = try await harness.run(config)
        let truth = harness.sandbox.groundTruth
        #expect(report.status == .completed)
        #expect(report.counts.created == truth.count)
        #expect(try harness.count("tasks") == truth.count)
        #expect(try harness.count("comments") == truth.values.map(\.comments).reduce(0, +))
        #expect(try harness.count("attachments") == truth.values.map(\.attachments).reduce(0, +))
        #expect(try harness.count("checklist_items") == truth.values.map { min($0.subtasks, 30) }.reduce(0, +))
        #expect(
            truth.values.contains { $0.subtasks > 30 }, "the world has a task with more subtasks than a checklist keeps"
        )
        let db = harness.workspace.db
        for (gid, expected) in truth.sorted(by: { $0.key < $1.key }).prefix(60) {
            let rows = try db.query(
                """
                SELECT t.title, t.labels_json, t.external_url, p.external_id AS parent, t.priority, t.category
                FROM tasks t LEFT JOIN tasks p ON p.id = t.parent_task_id WHERE t.external_id = ?
                """, [.text(gid)])
            let row = try #require(rows.first, "\(expected.key) missing")
            #expect(row["title"].stringValue.map { expected.title.hasPrefix($0.prefix(150)) } == true)
            let labels = try JSONParser.parse(row["labels_json"].stringValue ?? "[]").arrayValue?.compactMap(
                \.stringValue)
            #expect(Set(labels ?? []) == Set(expected.labels), "\(expected.key) labels")
            #expect(row["external_url"].stringValue?.hasSuffix("/\(gid)") == true)
            #expect(row["parent"].stringValue == expected.parentGID, "\(expected.key) parent")
            #expect(row["category"].stringValue != nil)
        }
        let stored = try db.query("SELECT content_url FROM attachments")
        #expect(!stored.isEmpty)
        #expect(
            stored.allSatisfy { $0["content_url"].stringValue?.contains("get_asset") == true },
            "the permanent URL is stored, never the short-lived download URL")
        let again = try await harness.run(config)
        #expect(again.counts.created == 0)
        #expect(again.counts.updated == 0)
        #expect(again.counts.unchanged == truth.count)
    }

    @Test("incremental: K changed tasks → exactly K updated, through modified_since, with a few requests")
    func incremental() async throws {
        let harness = try await AsanaImportHarness(AsanaSandboxConfig(issues: 200))
        let config = try harness.configFile()
        _ = try await harness.run(config)
        harness.sandbox.updateTasks(7)
        harness.sandbox.resetRequestCounts()
        let report = try await harness.run(config, incremental: true)
        #expect(report.counts.updated == 7)
        #expect(report.counts.created == 0)
        #expect(report.counts.unchanged <= 2, "only the overlap at the high-water mark is read again")
        let counts = harness.sandbox.requestCounts
        #expect(counts["GET /projects/{gid}/tasks"] == nil, "an incremental run lists only what changed")
        #expect((counts["GET /tasks"] ?? 0) <= 4, "\(counts)")
        #expect(counts.values.reduce(0, +) <= 4 + 3 * 9, "\(counts)")
    }

    @Test("a task renamed during the pass, after its page was read, arrives renamed in the same run (the sweep)")
    func changedDuringThePass() async throws {
        let harness = try await AsanaImportHarness(AsanaSandboxConfig(issues: 120))
        let config = try harness.configFile(extraSource: ["pageSize": 20])
        let first = try #require(harness.sandbox.taskItems(project: 0).first)
        let sandbox = harness.sandbox
        let report = try await harness.run(
            config,
            observer: ActionAfterPages(1) { sandbox.renameTask(item: first, to: "Renamed while the import ran") })
        #expect(report.status == .completed)
        let title = try harness.workspace.db.query(
            "SELECT title FROM tasks WHERE external_id = ?", [.text(AsanaSandbox.gid(ofItem: first))]
        ).first?["title"].stringValue
        #expect(title == "Renamed while the import ran")
        #expect(try harness.count("tasks") == harness.sandbox.groundTruth.count)
    }

    @Test("includeClosed false: completed_since=now, so only open tasks (and open subtasks) are imported")
    func openTasksOnly() async throws {
        let harness = try await AsanaImportHarness(AsanaSandboxConfig(issues: 150))
        let report = try await harness.run(try harness.configFile(extraSource: ["includeClosed": false]))
        #expect(report.status == .completed)
        let imported = try harness.count("tasks")
        #expect(imported > 0 && imported < harness.sandbox.groundTruth.count)
        #expect(try harness.count("tasks", "status = 'Completed'") == 0)
        #expect(try harness.count("checklist_items", "done = 1") > 0, "completed subtasks stay checked items")
    }

    @Test("deleted tasks (and their subtasks) are reconciled by listing gids: exactly those are marked deleted")
    func deletes() async throws {
        let harness = try await AsanaImportHarness(AsanaSandboxConfig(issues: 150))
        let config = try harness.configFile(extraSource: ["reconcileDeletes": true])
        _ = try await harness.run(config)
        let before = Set(harness.sandbox.groundTruth.keys)
        harness.sandbox.deleteTasks(4)
        let after = Set(harness.sandbox.groundTruth.keys)
        let report = try await harness.run(config)
        #expect(report.counts.deleted == before.subtracting(after).count)
        #expect(before.subtracting(after).count >= 4)
        #expect(try harness.count("tasks", "deleted_at IS NOT NULL") == before.subtracting(after).count)
    }

    @Test("a job stopped with its offset stored resumes after the offset expired: the same workspace")
    func expiredOffsetResume() async throws {
        let harness = try await AsanaImportHarness(AsanaSandboxConfig(issues: 150, offsetLifetimeSeconds: 1))
        let config = try harness.configFile(extraSource: ["pageSize": 20])
        let failure = await captureError(ImportRunError.self) {
            let sandbox = harness.sandbox
            _ = try await harness.run(
                config,
                observer: ActionAfterPages(2) {
                    var down = FaultPlan()
                    down.unavailable503 = 1
                    sandbox.setFaults(down)
                })
        }
        #expect(failure != nil)
        let kept = try harness.count("tasks")
        #expect(kept > 0 && kept < harness.sandbox.groundTruth.count)
        harness.sandbox.setFaults(FaultPlan())
        try await Task.sleep(nanoseconds: 1_200_000_000)
        let resumed = try await harness.run(config)
        #expect(resumed.status == .completed)
        #expect(resumed.resumedFrom != nil)
        #expect(try harness.count("tasks") == harness.sandbox.groundTruth.count)
        #expect(try WorkspaceDump.duplicateProvenance(harness.workspace.db).isEmpty)
        let reference = try await AsanaImportHarness(AsanaSandboxConfig(issues: 150))
        _ = try await reference.run(try reference.configFile(extraSource: ["pageSize": 20]))
        #expect(
            try WorkspaceDump.same(
                harness.workspace.db, site: harness.sandbox.baseURL, as: reference.workspace.db,
                site: reference.sandbox.baseURL))
    }

    @Test("attachments: \"content\" stores every file's bytes through a fresh download link, fetched without the token")
    func attachmentContent() async throws {
        let harness = try await AsanaImportHarness(AsanaSandboxConfig(issues: 60))
        let report = try await harness.run(try harness.configFile(extraSource: ["attachments": "content"]))
        #expect(report.status == .completed)
        let expected = harness.sandbox.attachmentContents
        #expect(try WorkspaceDump.contentProblems(harness.workspace.db, expected: expected) == [])
        let log = harness.sandbox.downloadLog
        #expect(log.count == expected.count)
        #expect(log.allSatisfy { $0.authorization == nil }, "the token never goes to a download link")
    }

    @Test("429s with Retry-After are waited out: the import completes with every task")
    func rateLimited() async throws {
        let harness = try await AsanaImportHarness(AsanaSandboxConfig(issues: 60))
        harness.sandbox.rateLimitNext(3)
        let report = try await harness.run(try harness.configFile())
        #expect(report.status == .completed)
        #expect(try harness.count("tasks") == harness.sandbox.groundTruth.count)
        #expect(report.retries >= 3)
    }

    @Test("SIGKILL after a seeded number of committed pages: the rerun equals an uninterrupted import, no duplicates")
    func killAndResume() async throws {
        var faults = FaultPlan()
        faults.latencyMilliseconds = 10
        let harness = try await AsanaImportHarness(AsanaSandboxConfig(issues: 300, faults: faults))
        let config = try harness.configFile(extraSource: ["pageSize": 20])
        let drill = try await KillAndResume.drill(config, in: harness, seed: 18, attempts: 10)
        #expect(drill.duplicates.isEmpty)
        #expect(drill.final.status == 0, "\(drill.final.stderr)")
        let reference = try await AsanaImportHarness(AsanaSandboxConfig(issues: 300))
        _ = try await reference.run(try reference.configFile(extraSource: ["pageSize": 20]))
        #expect(
            try WorkspaceDump.same(
                harness.workspace.db, site: harness.sandbox.baseURL, as: reference.workspace.db,
                site: reference.sandbox.baseURL))
        #expect(drill.kills >= 3)
    }
}
