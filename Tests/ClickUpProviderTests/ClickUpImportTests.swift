import Foundation
import ImportCore
import ProviderSandbox
import TestSupport
import Testing
import WorkspaceStore

/// ClickUp imported through the engine into the SQLite workspace: the world's ground truth arrives
/// whole (subtasks as tasks and checklist items, the tasks' own checklists, comments with their
/// threaded replies, time entries, attachments, custom fields by name), re-runs change nothing,
/// incremental runs change exactly what changed, deletes and archives are reconciled, a stored
/// position survives page numbers shifting under it, kills resume exactly and 429s lose nothing.
@Suite("ClickUp import into the workspace")
struct ClickUpImportTests {
    @Test(
        "every task, subtask, checklist item, comment, reply, time entry and attachment arrives; a second run writes nothing"
    )
    func groundTruth() async throws {
        let harness = try await ClickUpImportHarness(ClickUpSandboxConfig(issues: 160))
        let items = harness.sandbox.taskItems(list: 0)
        harness.sandbox.addChecklist(
            item: items[3], name: "Release", items: [("Tag the build", true), ("Announce", false)])
        harness.sandbox.addChecklist(item: items[3], name: "Follow-up", items: [("Close the ticket", false)])
        // More comments than three of ClickUp's 25-comment pages.
        harness.sandbox.addComments(item: items[5], count: 70)
        let config = try harness.configFile(
            destination: ["project": "Engineering", "createProject": true, "createMilestones": true])
        let report = try await harness.run(config)
        let truth = harness.sandbox.groundTruth
        #expect(report.status == .completed)
        #expect(report.counts.created == truth.count)
        #expect(try harness.count("tasks") == truth.count)
        #expect(try harness.count("comments") == truth.values.map(\.comments).reduce(0, +))
        #expect(truth.values.map(\.replies).reduce(0, +) > 0, "the world has threaded replies")
        #expect(try harness.count("worklogs") == truth.values.map(\.timeEntries).reduce(0, +))
        #expect(try harness.count("attachments") == truth.values.map(\.attachments).reduce(0, +))
        let checklist = truth.values.map { min($0.subtasks + $0.checklistItems, 30) }.reduce(0, +)
        #expect(try harness.count("checklist_items") == checklist)
        #expect(truth.values.contains { $0.subtasks > 30 }, "a task has more subtasks than a checklist keeps")
        let db = harness.workspace.db
        let own = try db.query(
            """
            SELECT c.title, c.done FROM checklist_items c JOIN tasks t ON t.id = c.task_id
            WHERE t.external_id = ? ORDER BY c.position
            """, [.text(ClickUpSandbox.taskID(ofItem: items[3]))])
        let lines: [String] = own.suffix(3).map { row in
            let title = row["title"].stringValue ?? ""
            let done = row["done"].intValue ?? -1
            return "\(title)=\(done)"
        }
        #expect(lines == ["Tag the build=1", "Announce=0", "Close the ticket=0"])
        for (id, expected) in truth.sorted(by: { $0.key < $1.key }).prefix(60) {
            let rows = try db.query(
                """
                SELECT t.title, t.labels_json, t.external_url, t.external_key, p.external_id AS parent,
                       t.category, t.source_type, m.title AS milestone
                FROM tasks t LEFT JOIN tasks p ON p.id = t.parent_task_id
                LEFT JOIN milestones m ON m.id = t.milestone_id WHERE t.external_id = ?
                """, [.text(id)])
            let row = try #require(rows.first, "\(expected.customID) missing")
            #expect(row["title"].stringValue.map { expected.title.hasPrefix($0.prefix(150)) } == true)
            let labels = try JSONParser.parse(row["labels_json"].stringValue ?? "[]").arrayValue?.compactMap(
                \.stringValue)
            #expect(Set(labels ?? []) == Set(expected.labels), "\(expected.customID) labels")
            #expect(row["external_url"].stringValue == "https://app.clickup.com/t/\(id)")
            #expect(row["external_key"].stringValue == expected.customID, "the custom id is the display key")
            #expect(row["parent"].stringValue == expected.parentID, "\(expected.customID) parent")
            #expect(row["source_type"].stringValue == expected.type, "the drop_down option by orderindex")
            #expect(row["milestone"].stringValue == expected.milestone, "\(expected.customID) milestone")
        }
        #expect((harness.sandbox.requestCounts["GET /comment/{id}/reply"] ?? 0) > 0)
        let again = try await harness.run(config)
        #expect(again.counts.created == 0)
        #expect(again.counts.updated == 0)
        #expect(again.counts.unchanged == truth.count)
    }

    @Test("incremental: K changed tasks → exactly K updated, through date_updated_gt, with a few requests")
    func incremental() async throws {
        let harness = try await ClickUpImportHarness(ClickUpSandboxConfig(issues: 200))
        let config = try harness.configFile()
        _ = try await harness.run(config)
        harness.sandbox.updateTasks(7)
        harness.sandbox.resetRequestCounts()
        let report = try await harness.run(config, incremental: true)
        #expect(report.counts.updated == 7)
        #expect(report.counts.created == 0)
        #expect(report.counts.unchanged <= 2, "only the overlap at the high-water mark is read again")
        let counts = harness.sandbox.requestCounts
        #expect((counts["GET /list/{id}/task"] ?? 0) <= 4, "one listing and one sweep per list: \(counts)")
        #expect((counts["GET /task/{id}"] ?? 0) <= 9, "\(counts)")
        let total: Int = counts.values.reduce(0, +)
        // Per task read: its detail, a comment page, a reply thread or two, its time: about four.
        #expect(total <= 44, "\(counts)")
    }

    @Test("a task renamed during the pass arrives renamed: in the list being read, and in a list already read")
    func changedDuringThePass() async throws {
        let harness = try await ClickUpImportHarness(ClickUpSandboxConfig(issues: 120))
        let config = try harness.configFile(extraSource: ["pageSize": 20])
        let first = harness.sandbox.taskItems(list: 0)
        let (early, late) = (first[0], first[1])
        let sandbox = harness.sandbox
        let report = try await harness.run(
            config,
            observer: ActionAfterPages(1) { sandbox.renameTask(item: early, to: "Renamed while its list was read") }
                .then(after: 4) { sandbox.renameTask(item: late, to: "Renamed after its list was read") })
        #expect(report.status == .completed)
        func title(_ item: Int) throws -> String? {
            try harness.workspace.db.query(
                "SELECT title FROM tasks WHERE external_id = ?", [.text(ClickUpSandbox.taskID(ofItem: item))]
            ).first?["title"].stringValue
        }
        #expect(try title(early) == "Renamed while its list was read")
        #expect(try title(late) == "Renamed after its list was read", "the sweep read it again")
        #expect(try harness.count("tasks") == harness.sandbox.groundTruth.count)
    }

    @Test("a stored position survives page numbers shifting: tasks deleted and changed while the job was stopped")
    func shiftedPagesResume() async throws {
        let harness = try await ClickUpImportHarness(ClickUpSandboxConfig(issues: 200))
        let config = try harness.configFile(extraSource: ["pageSize": 20])
        let sandbox = harness.sandbox
        let failure = await captureError(ImportRunError.self) {
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
        // Earlier pages lose tasks (page numbers would move everything after them forward) and
        // others change (moving to the end of the order).
        harness.sandbox.deleteTasks(6)
        harness.sandbox.updateTasks(5)
        let resumed = try await harness.run(config)
        #expect(resumed.status == .completed)
        #expect(resumed.resumedFrom != nil)
        #expect(try WorkspaceDump.duplicateProvenance(harness.workspace.db).isEmpty)
        for (id, expected) in harness.sandbox.groundTruth {
            let title = try harness.workspace.db.query(
                "SELECT title FROM tasks WHERE external_id = ?", [.text(id)]
            ).first?["title"].stringValue
            #expect(title.map { expected.title.hasPrefix($0.prefix(150)) } == true, "\(expected.customID)")
        }
    }

    @Test("includeClosed false: only tasks in open statuses; closed subtasks stay checked items")
    func openTasksOnly() async throws {
        let harness = try await ClickUpImportHarness(ClickUpSandboxConfig(issues: 150))
        let report = try await harness.run(try harness.configFile(extraSource: ["includeClosed": false]))
        #expect(report.status == .completed)
        let imported = try harness.count("tasks")
        #expect(imported > 0 && imported < harness.sandbox.groundTruth.count)
        #expect(try harness.count("tasks", "source_status IN ('closed', 'won''t do')") == 0)
        #expect(try harness.count("checklist_items", "done = 1") > 0)
    }

    @Test("deleted and archived tasks are reconciled by listing ids: exactly those are marked deleted")
    func deletesAndArchives() async throws {
        let harness = try await ClickUpImportHarness(ClickUpSandboxConfig(issues: 150))
        let config = try harness.configFile(extraSource: ["reconcileDeletes": true])
        _ = try await harness.run(config)
        let before = Set(harness.sandbox.groundTruth.keys)
        harness.sandbox.deleteTasks(4)
        harness.sandbox.archiveTasks(2)
        let gone = before.subtracting(harness.sandbox.groundTruth.keys)
        #expect(gone.count >= 6)
        let report = try await harness.run(config)
        #expect(report.counts.deleted == gone.count)
        let marked = try harness.workspace.db.query("SELECT external_id FROM tasks WHERE deleted_at IS NOT NULL")
        #expect(Set(marked.compactMap { $0["external_id"].stringValue }) == gone)
    }

    @Test("containers by folder or space: every list below them, and nothing else")
    func folderAndSpace() async throws {
        let harness = try await ClickUpImportHarness(ClickUpSandboxConfig(issues: 100, lists: 3))
        let truth = harness.sandbox.groundTruth
        _ = try await harness.run(
            try harness.configFile(name: "space.json", containers: ["space:\(ClickUpSandbox.spaceID)"]))
        #expect(try harness.count("tasks") == truth.count)
        let folderOnly = try await ClickUpImportHarness(ClickUpSandboxConfig(issues: 100, lists: 3))
        _ = try await folderOnly.run(
            try folderOnly.configFile(name: "folder.json", containers: ["folder:\(ClickUpSandbox.folderID)"]))
        let first = try harness.workspace.db.scalar(
            "SELECT COUNT(*) FROM tasks WHERE external_container = ?", [.text(harness.sandbox.listIDs[0])]
        ).intValue
        #expect(try folderOnly.count("tasks") == first)
        #expect(try folderOnly.count("tasks", "external_container <> '\(harness.sandbox.listIDs[0])'") == 0)
    }

    @Test("attachments: \"content\" stores every file's bytes from its address, fetched without the token")
    func attachmentContent() async throws {
        let harness = try await ClickUpImportHarness(ClickUpSandboxConfig(issues: 60))
        let report = try await harness.run(try harness.configFile(extraSource: ["attachments": "content"]))
        #expect(report.status == .completed)
        let expected = harness.sandbox.attachmentContents
        #expect(try WorkspaceDump.contentProblems(harness.workspace.db, expected: expected) == [])
        let log = harness.sandbox.downloadLog
        #expect(log.count == expected.count)
        #expect(log.allSatisfy { $0.authorization == nil }, "the token never goes to the file store")
    }

    @Test("429s with ClickUp's X-RateLimit headers are waited out: the import completes with every task")
    func rateLimited() async throws {
        let harness = try await ClickUpImportHarness(ClickUpSandboxConfig(issues: 60))
        harness.sandbox.rateLimitNext(3)
        let report = try await harness.run(try harness.configFile())
        #expect(report.status == .completed)
        #expect(try harness.count("tasks") == harness.sandbox.groundTruth.count)
        #expect(report.retries >= 3)
    }

    @Test(
        "ClickUp's limit model, in three-second windows: the import paces itself by X-RateLimit-*, loses nothing, is rarely refused"
    )
    func pacedByTheBudget() async throws {
        let harness = try await ClickUpImportHarness(
            ClickUpSandboxConfig(issues: 60, requestsPerMinute: 60, windowSeconds: 3))
        let report = try await harness.run(try harness.configFile())
        #expect(report.status == .completed)
        #expect(try harness.count("tasks") == harness.sandbox.groundTruth.count)
        let answered = harness.sandbox.requestCounts.values.reduce(0, +)
        #expect(answered > 2 * 60, "the import spans at least three windows: \(answered) requests")
        #expect(
            harness.sandbox.refusedCount * 10 <= answered, "\(harness.sandbox.refusedCount) of \(answered) refused")
    }

    @Test("SIGKILL after a seeded number of committed pages: the rerun equals an uninterrupted import, no duplicates")
    func killAndResume() async throws {
        var faults = FaultPlan()
        faults.latencyMilliseconds = 5
        let harness = try await ClickUpImportHarness(ClickUpSandboxConfig(issues: 300, faults: faults))
        let config = try harness.configFile(extraSource: ["pageSize": 20])
        let drill = try await KillAndResume.drill(config, in: harness, seed: 19, attempts: 10)
        #expect(drill.duplicates.isEmpty)
        #expect(drill.final.status == 0, "\(drill.final.stderr)")
        let reference = try await ClickUpImportHarness(ClickUpSandboxConfig(issues: 300))
        _ = try await reference.run(try reference.configFile(extraSource: ["pageSize": 20]))
        #expect(
            try WorkspaceDump.same(
                harness.workspace.db, site: harness.sandbox.baseURL, as: reference.workspace.db,
                site: reference.sandbox.baseURL))
        #expect(drill.kills >= 3)
    }
}
