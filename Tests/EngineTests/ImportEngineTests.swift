import Foundation
import ImportCore
import ProviderSandbox
import TestSupport
import Testing

/// Records the engine's events.
final class EventLog: ImportObserver {
    let events = Locked<[ImportEvent]>([])
    func handle(_ event: ImportEvent) { events.update { $0.append(event) } }
    var pages: [ImportEvent.Progress] {
        events.value.compactMap {
            if case .page(let progress) = $0 { return progress }
            return nil
        }
    }
}

@Suite("The import engine against the Jira sandbox")
struct ImportEngineTests {
    @Test("a full import lands every record with children and provenance; a second identical run writes nothing")
    func idempotent() async throws {
        let harness = try await ImportHarness(JiraSandboxConfig(issues: 150))
        let config = try harness.configFile()
        let first = try await harness.run(config)
        #expect(first.status == .completed)
        #expect(first.counts.created == 150)
        #expect(try harness.count("tasks") == 150)
        #expect(try harness.count("comments") > 100)
        #expect(try harness.count("worklogs") > 50)
        #expect(try harness.count("attachments") > 50)
        #expect(try harness.count("checklist_items") > 30)
        #expect(
            try harness.count(
                "tasks",
                "external_url LIKE 'http://127.0.0.1:%/browse/%' AND external_key IS NOT NULL AND content_hash IS NOT NULL AND external_updated_at LIKE '%Z'"
            ) == 150)
        let dump = try WorkspaceDump.canonical(harness.workspace.db)

        let changesBefore = harness.workspace.db.totalChanges
        let second = try await harness.run(config)
        #expect(second.counts == ImportCounts(unchanged: 150))
        // Only the job row, its checkpoints, the audit entries, the activity event and the sync state changed.
        let rowsWritten = harness.workspace.db.totalChanges - changesBefore
        #expect(rowsWritten < 20, "a no-op re-import wrote \(rowsWritten) rows")
        #expect(try WorkspaceDump.canonical(harness.workspace.db) == dump)
        #expect(try WorkspaceDump.duplicateProvenance(harness.workspace.db).isEmpty)
    }

    @Test("mutate K issues, re-run: exactly K updated, local ids and local-only columns kept")
    func updates() async throws {
        let harness = try await ImportHarness(JiraSandboxConfig(issues: 120))
        let config = try harness.configFile()
        _ = try await harness.run(config)
        try harness.workspace.db.execute("UPDATE tasks SET local_notes = 'keep me'")
        let ids = try harness.workspace.db.query("SELECT id, external_id FROM tasks ORDER BY external_id").map {
            "\($0.int64("id")!):\($0.string("external_id")!)"
        }
        let changed = harness.sandbox.updateIssues(7)
        let report = try await harness.run(config)
        #expect(report.counts.updated == 7)
        #expect(report.counts.unchanged == 113)
        #expect(report.counts.created == 0)
        #expect(
            try harness.workspace.db.query("SELECT id, external_id FROM tasks ORDER BY external_id").map {
                "\($0.int64("id")!):\($0.string("external_id")!)"
            } == ids)
        #expect(try harness.count("tasks", "local_notes = 'keep me'") == 120)
        for id in changed {
            #expect(try harness.count("tasks", "external_id = '\(id)' AND title LIKE '[edited]%'") == 1)
            #expect(
                try harness.count(
                    "comments c JOIN tasks t ON t.id = c.task_id",
                    "t.external_id = '\(id)' AND c.body LIKE 'Edited by the sandbox%'") == 1)
        }
    }

    @Test("delete K issues, reconcile: exactly K (and their subtasks) marked deleted, not removed")
    func deletes() async throws {
        let harness = try await ImportHarness(JiraSandboxConfig(issues: 120))
        let config = try harness.configFile(extraSource: ["reconcileDeletes": true])
        _ = try await harness.run(config)
        let removed = harness.sandbox.deleteIssues(4)
        let report = try await harness.run(config)
        #expect(report.counts.deleted == removed.count)
        #expect(try harness.count("tasks", "deleted_at IS NOT NULL") == removed.count)
        #expect(try harness.count("tasks") == 120)
        let again = try await harness.run(config)
        #expect(again.counts.deleted == 0)
    }

    @Test("incremental: only issues updated since the high-water mark are asked for and written")
    func incremental() async throws {
        let harness = try await ImportHarness(JiraSandboxConfig(issues: 300))
        let config = try harness.configFile()
        let full = try await harness.run(config)
        #expect(full.mode == "full")
        harness.sandbox.updateIssues(3)
        let added = harness.sandbox.addIssues(2)
        harness.sandbox.resetRequestCounts()
        let report = try await harness.run(config, incremental: true)
        #expect(report.mode == "incremental")
        #expect(report.counts.updated == 3)
        #expect(report.counts.created == added.count)
        #expect(report.counts.processed <= 10, "incremental re-read \(report.counts.processed) records")
        #expect(harness.sandbox.requestCounts["POST /rest/api/3/search/jql"] == 1)
        #expect(try harness.count("tasks") == 302)
    }

    @Test("the field list is cached for an hour, and fetched again when it lacks a custom field the table names")
    func fieldCatalogCache() async throws {
        let harness = try await ImportHarness(JiraSandboxConfig(issues: 20))
        let config = try harness.configFile()
        harness.sandbox.resetRequestCounts()
        _ = try await harness.run(config)
        #expect(harness.sandbox.requestCounts["GET /rest/api/3/field"] == 1)
        harness.sandbox.resetRequestCounts()
        _ = try await harness.run(config)
        #expect(
            harness.sandbox.requestCounts["GET /rest/api/3/field"] == nil, "a re-run within the hour used the cache")
        try harness.workspace.db.execute(
            "DELETE FROM reference_data WHERE kind = 'fields' AND external_id = 'customfield_10016'")
        harness.sandbox.resetRequestCounts()
        let report = try await harness.run(config)
        #expect(harness.sandbox.requestCounts["GET /rest/api/3/field"] == 1, "story points missing from the cache")
        #expect(report.warnings.isEmpty, "\(report.warnings)")
        #expect(try harness.count("tasks", "story_points IS NOT NULL") > 0)
    }

    @Test("caps take the N most recently updated issues")
    func caps() async throws {
        let harness = try await ImportHarness(JiraSandboxConfig(issues: 200))
        let report = try await harness.run(try harness.configFile(cap: 25))
        #expect(report.mode == "capped")
        #expect(report.counts.created == 25)
        let cutoff = try harness.workspace.db.scalar("SELECT MIN(external_updated_at) FROM tasks").stringValue!
        let connection = try harness.fixture.connection()
        let all = try await allRecords(
            connection, RecordQuery(containers: ["DEMO", "OPS"], fields: ["fields.updated"])
        ).records
        let newer = all.filter { Timestamp.parse($0["fields"]!["updated"]!.stringValue!)!.iso8601 >= cutoff }
        #expect(newer.count == 25)
    }

    @Test("parents link to children in either order; subtasks become checklist items; epics become milestones")
    func hierarchy() async throws {
        let harness = try await ImportHarness(JiraSandboxConfig(issues: 160))
        let project = try harness.workspace.projects.findOrCreate(owner: harness.owner, name: "Engineering")
        let epics = harness.sandbox.epics(project: "DEMO")
        _ = try harness.workspace.projects.createMilestone(
            owner: harness.owner, projectID: project, title: epics[0].summary, ref: nil, jobID: nil)
        _ = try await harness.run(try harness.configFile())
        #expect(try harness.count("tasks", "parent_external_id IS NOT NULL AND parent_task_id IS NULL") == 0)
        #expect(try harness.count("tasks", "parent_task_id IS NOT NULL") > 10)
        #expect(try harness.count("tasks", "milestone_id IS NOT NULL") > 0)
        let fiveSubtasks = try harness.workspace.db.scalar(
            "SELECT COUNT(*) FROM checklist_items c JOIN tasks t ON t.id = c.task_id WHERE t.external_key = 'DEMO-5'"
        ).intValue
        #expect(fiveSubtasks == 30)
    }

    @Test("createMilestones creates one milestone per epic title, with provenance")
    func createMilestones() async throws {
        let harness = try await ImportHarness(JiraSandboxConfig(issues: 100))
        _ = try await harness.run(
            try harness.configFile(destination: [
                "project": "Engineering", "createProject": true, "createMilestones": true,
            ]))
        let milestones = try harness.count("milestones")
        #expect(milestones >= 2)
        #expect(try harness.count("milestones", "external_source = 'jira' AND external_id IS NOT NULL") == milestones)
        #expect(
            try harness.count(
                "tasks",
                "source_type != 'Epic' AND parent_external_id IN (SELECT external_id FROM milestones) AND milestone_id IS NULL"
            ) == 0)
    }

    @Test("a record the mapping cannot handle makes the job partial; the rest lands and the reason is kept")
    func partial() async throws {
        let harness = try await ImportHarness(JiraSandboxConfig(issues: 60))
        let victim = harness.sandbox.issueIDs[10]
        harness.sandbox.replaceIssueJSON(
            id: victim,
            with: Array(
                #"{"id":"\#(victim)","key":"DEMO-BAD","fields":{"summary":{"not":"text"},"updated":"2030-01-01T00:00:00.000+0000"}}"#
                    .utf8))
        let report = try await harness.run(try harness.configFile())
        #expect(report.status == .partial)
        #expect(report.counts.failed == 1)
        #expect(report.counts.created == 59)
        #expect(report.failures.first?.recordKey == "DEMO-BAD")
        #expect(report.failures.first?.reason.contains("title") == true)
        let stored = try harness.workspace.jobs.failures(owner: harness.owner, jobID: report.jobID!)
        #expect(stored.count == 1)
        #expect(try harness.workspace.jobs.find(owner: harness.owner, id: report.jobID!)?.status == .partial)
    }

    @Test("a page that fails while being written leaves no half page; the rerun resumes from the last checkpoint")
    func atomicPages() async throws {
        let harness = try await ImportHarness(JiraSandboxConfig(issues: 200))
        let config = try harness.configFile()
        try harness.workspace.db.execute(
            """
            CREATE TRIGGER fail_third_page BEFORE UPDATE OF pages_count ON import_jobs WHEN NEW.pages_count = 3
            BEGIN SELECT RAISE(ABORT, 'disk full (test)'); END
            """)
        let error = await captureError(ImportRunError.self) { _ = try await harness.run(config) }
        #expect(error?.message.contains("disk full (test)") == true)
        #expect(try harness.count("tasks") == 80, "exactly two pages of 40 must be stored")
        let failedJob = try #require(try harness.workspace.jobs.list(owner: harness.owner).first)
        #expect(failedJob.status == .failed)
        #expect(failedJob.pages == 2)
        try harness.workspace.db.execute("DROP TRIGGER fail_third_page")
        let resumed = try await harness.run(config)
        #expect(resumed.resumedFrom == failedJob.id)
        #expect(resumed.counts.created == 200)
        #expect(try harness.count("tasks") == 200)
        #expect(try WorkspaceDump.duplicateProvenance(harness.workspace.db).isEmpty)
        let reference = try await ImportHarness(JiraSandboxConfig(issues: 200))
        _ = try await reference.run(try reference.configFile())
        #expect(
            try WorkspaceDump.canonical(harness.workspace.db).replacingOccurrences(
                of: harness.fixture.url, with: "SITE")
                == WorkspaceDump.canonical(reference.workspace.db).replacingOccurrences(
                    of: reference.fixture.url, with: "SITE"))
    }

    @Test("jobs, audit events and the activity event")
    func audit() async throws {
        let harness = try await ImportHarness(JiraSandboxConfig(issues: 30))
        let report = try await harness.run(try harness.configFile())
        let actions = try harness.workspace.audit.list(owner: harness.owner).map(\.action)
        #expect(actions == ["JIRA_CONNECTED", "JIRA_IMPORT_STARTED", "JIRA_IMPORT_COMPLETED"])
        #expect(try harness.count("activity_events", "kind = 'imported_from_jira'") == 1)
        let job = try #require(try harness.workspace.jobs.find(owner: harness.owner, id: report.jobID!))
        #expect(job.status == .completed)
        #expect(job.counts.created == 30)
        #expect(job.finishedAt != nil)
        #expect(job.report["counts"]?["created"]?.intValue == 30)
        let error = await captureError(ImportRunError.self) {
            _ = try await harness.run(try harness.configFile(name: "bad.json", projects: ["NOPE"]))
        }
        #expect(error != nil)
        #expect(try harness.workspace.audit.list(owner: harness.owner).last?.action == "JIRA_IMPORT_FAILED")
    }

    @Test("progress events: pages, counts, a total and a rate")
    func progress() async throws {
        let harness = try await ImportHarness(JiraSandboxConfig(issues: 130))
        let log = EventLog()
        _ = try await harness.run(try harness.configFile(), observer: log)
        let pages = log.pages
        #expect(pages.count == 4)
        #expect(pages.last?.records == 130)
        #expect(pages.first?.estimatedTotal == 130)
        #expect(pages.allSatisfy { $0.rate > 0 })
        #expect(pages.last?.eta == 0)
    }

    @Test("a dry run writes nothing and lists per-field changes")
    func dryRun() async throws {
        let harness = try await ImportHarness(JiraSandboxConfig(issues: 50))
        let config = try harness.configFile()
        let plan = try await harness.run(config, dryRun: true)
        #expect(plan.dryRun)
        #expect(plan.counts.created == 50)
        #expect(try harness.count("tasks") == 0)
        #expect(try harness.count("import_jobs") == 0)
        _ = try await harness.run(config)
        harness.sandbox.updateIssues(2)
        let before = harness.workspace.db.totalChanges
        let diff = try await harness.run(config, dryRun: true)
        #expect(harness.workspace.db.totalChanges == before)
        #expect(diff.counts.updated == 2)
        #expect(diff.plannedChanges.count == 2)
        #expect(
            diff.plannedChanges.allSatisfy { change in
                change.fields.contains { $0.field == "title" && ($0.new ?? "").hasPrefix("[edited]") }
            })
    }

    @Test("another owner's connection cannot be used by a config")
    func ownerIsolation() async throws {
        let harness = try await ImportHarness(JiraSandboxConfig(issues: 5))
        var config = try RunConfig.load(path: try harness.configFile())
        config.owner = "mallory@example.com"
        let error = await captureError(ImportRunError.self) { _ = try await harness.engine().run(config) }
        #expect(error?.message.contains("no connection named \"work\" for mallory@example.com") == true)
        #expect(try harness.count("tasks") == 0)
    }
}

@Suite("Changes that ripple to relatives")
struct RippleTests {
    @Test("a changed subtask also updates its parent's checklist item")
    func subtaskRipples() async throws {
        let harness = try await ImportHarness(JiraSandboxConfig(issues: 80))
        let config = try harness.configFile()
        _ = try await harness.run(config)
        let subtask = try #require(
            try harness.workspace.db.queryOne(
                "SELECT external_id, parent_external_id FROM tasks WHERE source_type = 'Sub-task' ORDER BY external_id LIMIT 1"
            ))
        let subtaskID = try #require(subtask.string("external_id"))
        var changed: [Int] = []
        while !changed.contains(Int(subtaskID)!) { changed = harness.sandbox.updateIssues(80, leavesOnly: false) }
        let report = try await harness.run(config)
        #expect(report.counts.updated > changed.count - 1)
        #expect(try harness.count("checklist_items", "external_id = '\(subtaskID)' AND title LIKE '[edited]%'") == 1)
    }
}
