import Foundation
import ImportCore
import TestSupport
import Testing
import WorkspaceStore

@Suite("The workspace store")
struct StoreTests {
    @Test("migrations apply from empty, are recorded, and re-running them is a no-op")
    func migrations() throws {
        let folder = TemporaryDirectory()
        let db = try SQLiteDatabase(path: folder.file("w.sqlite"))
        let applied = try Migrator.migrate(db)
        #expect(applied == WorkspaceSchema.migrations.map(\.version))
        #expect(try Migrator.currentVersion(db) == WorkspaceSchema.migrations.count)
        let before = db.totalChanges
        #expect(try Migrator.migrate(db).isEmpty)
        #expect(db.totalChanges == before)
        let tables = Set(
            try db.query("SELECT name FROM sqlite_master WHERE type = 'table'").compactMap { $0.string("name") })
        for table in [
            "owners", "user_profiles", "projects", "milestones", "tasks", "task_assignees", "checklist_items",
            "comments", "worklogs", "attachments", "connections", "import_jobs", "audit_log", "activity_events",
            "schema_migrations",
        ] {
            #expect(tables.contains(table), "missing table \(table)")
        }
        // Every imported table carries the full provenance and a unique index on it per owner.
        for table in WorkspaceSchema.importedTables {
            let columns = Set(try db.query("PRAGMA table_info(\(table))").compactMap { $0.string("name") })
            for column in [
                "external_source", "external_id", "external_key", "external_url", "external_updated_at", "content_hash",
                "import_job_id", "imported_at",
            ] {
                #expect(columns.contains(column), "\(table).\(column)")
            }
            let indexes = try db.query("PRAGMA index_list(\(table))").filter { $0.int("unique") == 1 }
            let provenance = try indexes.contains { index in
                let names = try db.query("PRAGMA index_info(\(index.string("name")!))").compactMap { $0.string("name") }
                // The provenance identity: owner, destination project (people have none), source instance, id.
                let project = table == "user_profiles" ? [] : ["project_id"]
                return names == ["owner_id"] + project + ["external_source", "external_instance", "external_id"]
            }
            #expect(provenance, "\(table) lacks the unique provenance index")
        }
        #expect(try db.scalar("PRAGMA journal_mode").stringValue == "wal")
        #expect(try db.scalar("PRAGMA foreign_keys").intValue == 1)
    }

    @Test("a database from a newer schema is refused with a clear error")
    func schemaTooNew() throws {
        let folder = TemporaryDirectory()
        let db = try SQLiteDatabase(path: folder.file("w.sqlite"))
        try Migrator.migrate(db)
        try db.execute("INSERT INTO schema_migrations (version, name, applied_at) VALUES (99, 'future', 'now')")
        #expect(throws: WorkspaceError.schemaTooNew(found: 99, supported: WorkspaceSchema.migrations.count)) {
            try Migrator.migrate(db)
        }
    }

    @Test("SQLite errors carry SQLite's message; bound parameters keep hostile text as data")
    func errorsAndBinding() throws {
        let db = try SQLiteDatabase(path: ":memory:")
        try db.execute("CREATE TABLE t (name TEXT NOT NULL UNIQUE)")
        let hostile = "x'); DROP TABLE t; --"
        try db.execute("INSERT INTO t (name) VALUES (?)", [.text(hostile)])
        #expect(try db.scalar("SELECT name FROM t").stringValue == hostile)
        do {
            try db.execute("INSERT INTO t (name) VALUES (?)", [.text(hostile)])
            Issue.record("the duplicate must fail")
        } catch {
            #expect(error.isConstraintViolation)
            #expect(error.message.contains("UNIQUE constraint failed: t.name"))
        }
        #expect(throws: SQLiteError.self) { try db.execute("SELEC nonsense") }
        #expect(throws: SQLiteError.self) { try db.execute("INSERT INTO t (name) VALUES (?)", []) }
    }

    @Test("transactions roll back on error and nest as savepoints")
    func transactions() throws {
        let db = try SQLiteDatabase(path: ":memory:")
        try db.execute("CREATE TABLE t (n INTEGER)")
        struct Boom: Error {}
        #expect(throws: Boom.self) {
            try db.transaction {
                try db.execute("INSERT INTO t VALUES (1)")
                throw Boom()
            }
        }
        #expect(try db.scalar("SELECT COUNT(*) FROM t").intValue == 0)
        try db.transaction {
            try db.execute("INSERT INTO t VALUES (1)")
            _ = try? db.transaction {
                try db.execute("INSERT INTO t VALUES (2)")
                throw Boom()
            }
            try db.execute("INSERT INTO t VALUES (3)")
        }
        #expect(try db.query("SELECT n FROM t ORDER BY n").compactMap { $0.int("n") } == [1, 3])
    }

    @Test("tasks are unique per owner on the provenance key; two owners may import the same record")
    func provenanceUniqueness() throws {
        let folder = TemporaryDirectory()
        let workspace = try Workspace(path: folder.file("w.sqlite"))
        let alice = try workspace.owner(email: "alice@example.com")
        let bob = try workspace.owner(email: "bob@example.com")
        let insert = """
            INSERT INTO tasks (owner_id, project_id, title, status, external_source, external_id, created_at, updated_at)
            VALUES (?, ?, 'T', 'Not Started', 'jira', '10001', 'now', 'now')
            """
        let aliceProject = try workspace.projects.findOrCreate(owner: alice, name: "P")
        let bobProject = try workspace.projects.findOrCreate(owner: bob, name: "P")
        try workspace.db.execute(insert, [.integer(alice.id), .integer(aliceProject)])
        try workspace.db.execute(insert, [.integer(bob.id), .integer(bobProject)])
        #expect(throws: SQLiteError.self) {
            try workspace.db.execute(insert, [.integer(alice.id), .integer(aliceProject)])
        }
    }

    /// A workspace with a project and an open job, and a page writer for one record at a time.
    struct Fixture {
        let folder = TemporaryDirectory()
        let workspace: Workspace
        let owner: Owner
        let target: WriteTarget
        let job: ImportJob

        init() throws {
            workspace = try Workspace(path: folder.file("w.sqlite"))
            owner = try workspace.owner(email: "alice@example.com")
            let project = try workspace.createProject(owner: owner, name: "Engineering")
            target = WriteTarget(owner: owner, projectID: project, source: "jira", instance: "https://x.atlassian.net")
            job = try workspace.openJob(
                JobOpening(
                    owner: owner, connectionID: nil, connectionLabel: "test", provider: "jira", projectID: project,
                    projectName: "Engineering", containers: ["ENG"], configJSON: "{}", fingerprint: "f", mode: .full,
                    resumedFrom: nil, query: [:]))
        }

        /// Writes `task` as a page of one and returns its outcome.
        func write(_ task: CanonicalTask) throws -> RecordOutcome {
            let result = try workspace.writePage(
                PageWrite(
                    jobID: job.id, target: target, records: [.task(task)],
                    checkpoint: Checkpoint(
                        cursor: nil, countsBefore: ImportCounts(), highWaterMark: nil, pages: 1,
                        metrics: RequestMetrics())))
            return try result.records[0].get()
        }
    }

    @Test("the writer upserts by provenance: create, unchanged (no write), update keeps local columns")
    func taskWriterUpsert() throws {
        let fixture = try Fixture()
        let workspace = fixture.workspace
        try workspace.projects.addUser(owner: fixture.owner, email: "dev@example.com", displayName: "Dev")
        var task = CanonicalTask(
            ref: ExternalRef(
                source: "jira", id: "10001", key: "ENG-1", url: "https://x/browse/ENG-1",
                updatedAt: "2024-01-01T00:00:00.000Z"),
            title: "First", status: "Not Started",
            assignees: [UserReference(email: "dev@example.com"), UserReference(email: "ghost@example.com")],
            comments: [
                CanonicalComment(ref: ExternalRef(source: "jira", id: "c1"), author: nil, body: "hello", createdAt: nil)
            ])
        let created = try fixture.write(task)
        #expect(created.change == .created)
        #expect(created.unmatchedAssignees == ["ghost@example.com"])
        try workspace.db.execute("UPDATE tasks SET local_notes = 'mine' WHERE id = ?", [.integer(created.taskID!)])

        let changesBefore = workspace.db.totalChanges
        let again = try fixture.write(task)
        #expect(again.change == .unchanged)
        #expect(again.rowsWritten == 0)
        #expect(workspace.db.totalChanges == changesBefore + 1, "only the job's checkpoint is written")

        task.title = "Renamed"
        task.comments = []
        let updated = try fixture.write(task)
        #expect(updated.change == .updated)
        #expect(updated.taskID == created.taskID)
        let row = try workspace.db.queryOne(
            "SELECT title, local_notes FROM tasks WHERE id = ?", [.integer(created.taskID!)])
        #expect(row?.string("title") == "Renamed")
        #expect(row?.string("local_notes") == "mine")
        #expect(try workspace.db.scalar("SELECT COUNT(*) FROM comments").intValue == 0)
        #expect(try workspace.db.scalar("SELECT COUNT(*) FROM tasks").intValue == 1)
        #expect(try workspace.db.scalar("SELECT COUNT(*) FROM task_assignees").intValue == 1)
    }

    @Test("parent links are order independent")
    func parentLinks() throws {
        let fixture = try Fixture()
        let child = CanonicalTask(ref: ExternalRef(source: "jira", id: "2"), title: "child", parentExternalID: "1")
        let parent = CanonicalTask(ref: ExternalRef(source: "jira", id: "1"), title: "parent")
        let childID = try fixture.write(child).taskID!
        let parentID = try fixture.write(parent).taskID!
        #expect(
            try fixture.workspace.db.scalar("SELECT parent_task_id FROM tasks WHERE id = ?", [.integer(childID)])
                .int64Value == parentID)
    }
}
