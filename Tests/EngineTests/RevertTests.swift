import Foundation
import ImportCore
import ProviderSandbox
import TestSupport
import Testing
import WorkspaceStore

/// Review and revert: every job journals what it changes, and a revert puts the workspace back
/// exactly as it was before the job, row for row.
@Suite("Reverting a job")
struct RevertTests {
    /// Every row of every table a job writes, every column (ids, hashes, import times included).
    static func rawDump(_ harness: ImportHarness) throws -> String {
        var lines: [String] = []
        for table in [
            "projects", "milestones", "user_profiles", "tasks", "task_assignees", "checklist_items", "comments",
            "worklogs", "attachments", "task_links", "task_history", "sync_state",
        ] {
            lines.append("# \(table)")
            for row in try harness.workspace.db.query("SELECT rowid AS row_id, * FROM \(table) ORDER BY rowid") {
                lines.append(
                    row.values.map { value -> String in
                        switch value {
                        case .null: return "∅"
                        case .integer(let number): return "i\(number)"
                        case .real(let number): return "r\(number.bitPattern)"
                        case .text(let text): return "t\(text)"
                        case .blob(let bytes): return "b\(bytes)"
                        }
                    }.joined(separator: "|"))
            }
        }
        return lines.joined(separator: "\n")
    }

    static func importedRows(_ harness: ImportHarness) throws -> Int {
        try [
            "projects", "milestones", "tasks", "task_assignees", "checklist_items", "comments", "worklogs",
            "attachments", "task_links", "task_history", "sync_state",
        ].reduce(0) { $0 + (try harness.count($1)) }
    }

    @Test("import, edit the source, re-import, revert the second job: the workspace is as the first left it")
    func revertSecond() async throws {
        let harness = try await ImportHarness(JiraSandboxConfig(issues: 160))
        let config = try harness.configFile(extraSource: ["reconcileDeletes": true])
        let first = try await harness.run(config)
        let afterFirst = try Self.rawDump(harness)
        let canonicalAfterFirst = try WorkspaceDump.canonical(harness.workspace.db)

        harness.sandbox.updateIssues(12, leavesOnly: false)
        harness.sandbox.deleteIssues(3)
        harness.sandbox.addIssues(6)
        harness.sandbox.moveIssues(2)
        let second = try await harness.run(config)
        #expect(second.counts.created > 0 && second.counts.updated > 0 && second.counts.deleted > 0, "\(second.counts)")
        #expect(try Self.rawDump(harness) != afterFirst, "the second job changed nothing: the test shows nothing")

        let plan = try harness.workspace.revertPlan(owner: harness.owner, jobID: try #require(second.jobID))
        #expect(plan.laterChanges.isEmpty)
        #expect(plan.summary.contains { $0.table == "tasks" && $0.action == .update })
        let outcome = try harness.workspace.revert(
            owner: harness.owner, jobID: try #require(second.jobID), force: false)
        #expect(outcome.removed > 0 && outcome.restored > 0)
        #expect(try Self.rawDump(harness) == afterFirst)
        #expect(try WorkspaceDump.canonical(harness.workspace.db) == canonicalAfterFirst)

        // The revert is a job, audited; it cannot be applied twice.
        let audit = try harness.workspace.audit.list(owner: harness.owner).map(\.action)
        #expect(audit.contains("JIRA_IMPORT_REVERTED"))
        #expect(throws: RevertRefusal.self) {
            try harness.workspace.revert(owner: harness.owner, jobID: try #require(second.jobID), force: false)
        }

        // Reverting the first job leaves nothing of it, the project it created included.
        _ = try harness.workspace.revert(owner: harness.owner, jobID: try #require(first.jobID), force: false)
        #expect(try Self.importedRows(harness) == 0)

        // Reverting that revert puts the first job's rows back, exactly.
        let redo = try #require(try harness.workspace.jobs.list(owner: harness.owner, limit: 1).first)
        #expect(redo.mode == "revert")
        _ = try harness.workspace.revert(owner: harness.owner, jobID: redo.id, force: false)
        #expect(try Self.rawDump(harness) == afterFirst)
    }

    @Test("a revert over a later job's changes is refused without --force, and with it leaves nothing of the job")
    func laterChanges() async throws {
        let harness = try await ImportHarness(JiraSandboxConfig(issues: 80))
        let config = try harness.configFile()
        let first = try #require(try await harness.run(config).jobID)
        harness.sandbox.updateIssues(5)
        harness.sandbox.addIssues(2)
        let second = try #require(try await harness.run(config, incremental: true).jobID)
        let before = try Self.rawDump(harness)

        do {
            _ = try harness.workspace.revert(owner: harness.owner, jobID: first, force: false)
            Issue.record("the revert over later changes was not refused")
        } catch let refusal as RevertRefusal {
            guard case .laterChanges(_, let later) = refusal else {
                Issue.record("refused for another reason: \(refusal)")
                return
            }
            #expect(later.contains { $0.jobID == second && $0.rows > 0 })
            #expect(refusal.description.contains("tributary revert \(second)"))
            #expect(refusal.description.contains("--force"))
        }
        #expect(try Self.rawDump(harness) == before, "a refused revert changed something")

        let forced = try harness.workspace.revert(owner: harness.owner, jobID: first, force: true)
        #expect(forced.laterChanges.contains { $0.jobID == second })
        #expect(try harness.count("tasks") == 0)
        #expect(try harness.count("comments") == 0)
    }

    @Test("a reverted job is not resumed, a pruned journal cannot be reverted, and the next run imports again")
    func prunedAndRerun() async throws {
        let harness = try await ImportHarness(JiraSandboxConfig(issues: 40))
        let config = try harness.configFile()
        let first = try #require(try await harness.run(config).jobID)
        _ = try harness.workspace.revert(owner: harness.owner, jobID: first, force: false)
        #expect(try harness.count("tasks") == 0)
        let again = try await harness.run(config)
        #expect(again.resumedFrom == nil)
        #expect(again.counts.created == 40)

        #expect(try harness.workspace.pruneJournals(owner: harness.owner, keepDays: 0).jobs >= 2)
        #expect(try harness.count("change_journal", "job_id = \(try #require(again.jobID))") == 0)
        do {
            _ = try harness.workspace.revert(owner: harness.owner, jobID: try #require(again.jobID), force: false)
            Issue.record("a job whose journal was pruned was reverted")
        } catch let refusal as RevertRefusal {
            guard case .pruned = refusal else {
                Issue.record("refused for another reason: \(refusal)")
                return
            }
        }
        #expect(try harness.count("tasks") == 40)
    }

    @Test("a job that only downloaded attachment files is reverted too: its rows forget the files again")
    func attachmentContent() async throws {
        let harness = try await ImportHarness(JiraSandboxConfig(issues: 30))
        _ = try await harness.run(try harness.configFile())
        let metadataOnly = try Self.rawDump(harness)
        #expect(try harness.count("attachments", "content_sha256 IS NOT NULL") == 0)
        let withContent = try harness.configFile(name: "content.json", extraSource: ["attachments": "content"])
        let second = try #require(try await harness.run(withContent).jobID)
        #expect(try harness.count("attachments", "content_sha256 IS NOT NULL") > 0)
        _ = try harness.workspace.revert(owner: harness.owner, jobID: second, force: false)
        #expect(try Self.rawDump(harness) == metadataOnly)
    }

    @Test("attachment files stay while a row or a kept journal refers to them, and go with the last that could")
    func attachmentFilesPruned() async throws {
        let harness = try await ImportHarness(JiraSandboxConfig(issues: 30))
        let config = try harness.configFile(extraSource: ["attachments": "content"])
        let job = try #require(try await harness.run(config).jobID)
        let store = harness.workspace.contentStore
        let files = { () -> Set<String> in
            let root = store.folder + "/sha256"
            let shards = (try? FileManager.default.contentsOfDirectory(atPath: root)) ?? []
            return Set(
                shards.flatMap { shard in
                    ((try? FileManager.default.contentsOfDirectory(atPath: root + "/" + shard)) ?? []).map {
                        shard + "/" + $0
                    }
                })
        }
        let stored = files()
        #expect(stored.count == (try harness.count("attachments", "content_sha256 IS NOT NULL")))
        #expect(stored.count > 0)
        // Not the store's: a name that is not a digest is never removed.
        let stray = try #require(stored.first).prefix(2) + "/notes.txt"
        #expect(FileManager.default.createFile(atPath: store.folder + "/sha256/" + stray, contents: Data("x".utf8)))

        // Rows refer to every file: none is removed.
        #expect(try store.removeUnreferencedFiles() == RemovedFiles())
        #expect(files() == stored.union([String(stray)]))

        // Reverted, the rows are gone, but the revert's own journal could bring them back: kept.
        let revert = try harness.workspace.revert(owner: harness.owner, jobID: job, force: false)
        #expect(try harness.count("attachments") == 0)
        #expect(try store.removeUnreferencedFiles() == RemovedFiles())
        #expect(files().count == stored.count + 1)

        // Once the journals that could restore them are pruned, the files go; the stray stays.
        try harness.workspace.db.execute(
            "UPDATE import_jobs SET finished_at = '2000-01-01T00:00:00.000Z' WHERE id IN (?, ?)",
            [.integer(job), .integer(revert.revertJobID)])
        let pruned = try harness.workspace.pruneJournals(owner: harness.owner)
        #expect(pruned.jobs == 2)
        #expect(pruned.files.files == stored.count)
        #expect(pruned.files.bytes > 0)
        #expect(files() == [String(stray)])
    }

    @Test("values come back exactly: a REAL that JSON would round, text that looks like JSON, nulls")
    func exactValues() async throws {
        let harness = try await ImportHarness(JiraSandboxConfig(issues: 20))
        let config = try harness.configFile()
        _ = try await harness.run(config)
        let db = harness.workspace.db
        // Odd values a row may hold, then a job that changes the row.
        try db.execute(
            "UPDATE tasks SET story_points = ?, estimated_hours = NULL, labels_json = '[\"a\",1]' WHERE id = 1",
            [.real(0.1 + 0.2)])
        let before = try Self.rawDump(harness)
        harness.sandbox.updateIssues(20, leavesOnly: false)
        let second = try #require(try await harness.run(config, incremental: true).jobID)
        #expect(try Self.rawDump(harness) != before)
        _ = try harness.workspace.revert(owner: harness.owner, jobID: second, force: false)
        #expect(try Self.rawDump(harness) == before)
        #expect(try db.scalar("SELECT story_points FROM tasks WHERE id = 1") == .real(0.1 + 0.2))
    }
}
