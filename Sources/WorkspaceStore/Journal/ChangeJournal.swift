import ImportCore

/// The change journal: the rows each job inserted, and the before-images of the rows it updated or
/// deleted, so that a job can be reviewed (`tributary jobs show ID --changes`) and reverted exactly.
///
/// Triggers write it in the transaction of the change itself, whatever statement made the change
/// (a page, a reconciliation, a foreign key's cascade). They are TEMP triggers, created on each
/// connection the workspace opens from the tables' columns as they are then, so a migration that adds
/// a column is journaled with no further step; they write only inside `recording(jobID:_:)`, which
/// names the job through a SQL function rather than a row (nothing extra is written per transaction).
struct ChangeJournal {
    let db: SQLiteDatabase
    /// The job the connection's journaled transaction writes for (see `install(on:)`).
    let job: SQLiteVariable

    /// The tables whose rows imports and reverts write: everything a revert puts back.
    static let tables = [
        "projects", "milestones", "user_profiles", "tasks", "task_assignees", "checklist_items", "comments",
        "worklogs", "attachments", "task_links", "task_history", "sync_state",
    ]

    /// One column of a journaled table.
    struct Column: Equatable {
        let name: String
        /// Whether it is the table's `INTEGER PRIMARY KEY`, the rowid itself.
        let isRowID: Bool
    }

    /// The columns of `table` as the database has them now.
    static func columns(of table: String, in db: SQLiteDatabase) throws -> [Column] {
        let rows = try db.query("PRAGMA main.table_info(\(table))")
        let keys = rows.filter { ($0.int("pk") ?? 0) > 0 }
        return rows.compactMap { row in
            guard let name = row.string("name") else { return nil }
            let isRowID =
                keys.count == 1 && (row.int("pk") ?? 0) > 0
                && (row.string("type") ?? "").uppercased() == "INTEGER"
            return Column(name: name, isRowID: isRowID)
        }
    }

    /// The SQL function that names the job a transaction journals for (`NULL`: none).
    static let jobFunction = "tributary_journal_job"

    /// Creates the journal's triggers on this connection and returns the variable that turns them on.
    static func install(on db: SQLiteDatabase) throws -> SQLiteVariable {
        let job = try db.defineVariable(named: jobFunction)
        let guarded = "WHEN \(jobFunction)() IS NOT NULL"
        for table in tables {
            let image = beforeImage(try columns(of: table, in: db))
            try db.execute(
                """
                CREATE TEMP TRIGGER IF NOT EXISTS journal_\(table)_insert AFTER INSERT ON main.\(table) \(guarded)
                BEGIN
                    INSERT INTO change_journal (job_id, table_name, row_id, action)
                    VALUES (\(jobFunction)(), '\(table)', NEW.rowid, 'insert');
                END;
                CREATE TEMP TRIGGER IF NOT EXISTS journal_\(table)_update AFTER UPDATE ON main.\(table) \(guarded)
                BEGIN
                    INSERT INTO change_journal (job_id, table_name, row_id, action, before_json)
                    VALUES (\(jobFunction)(), '\(table)', OLD.rowid, 'update', \(image));
                END;
                CREATE TEMP TRIGGER IF NOT EXISTS journal_\(table)_delete AFTER DELETE ON main.\(table) \(guarded)
                BEGIN
                    INSERT INTO change_journal (job_id, table_name, row_id, action, before_json)
                    VALUES (\(jobFunction)(), '\(table)', OLD.rowid, 'delete', \(image));
                END;
                """)
        }
        return job
    }

    /// The SQL of a row's image as a JSON object of its columns (and its rowid), every value exact:
    /// a REAL as its 17 significant digits (JSON's own rendering rounds), which the column's affinity
    /// turns back into the same double. No journaled column holds a BLOB; one would be kept as null.
    static func beforeImage(_ columns: [Column]) -> String {
        let pairs =
            ["'rowid', OLD.rowid"]
            + columns.map { column in
                let value = "OLD.\"\(column.name)\""
                return
                    "'\(column.name)', CASE typeof(\(value)) WHEN 'real' THEN printf('%!.17g', \(value)) WHEN 'blob' THEN NULL ELSE \(value) END"
            }
        // A function takes at most 127 arguments: wide tables are built in parts and merged.
        let parts = stride(from: 0, to: pairs.count, by: 50).map { start in
            "json_object(" + pairs[start..<min(pairs.count, start + 50)].joined(separator: ", ") + ")"
        }
        return parts.dropFirst().reduce(parts[0]) { "json_patch(\($0), \($1))" }
    }

    /// Runs `body` in a transaction whose changes to the journaled tables are journaled as job
    /// `jobID`'s (`nil`: not journaled). Nested in another journaled transaction, it keeps that one's
    /// job. The connection's lock, held for the whole transaction, keeps other callers' statements out.
    func recording<T>(jobID: Int64?, _ body: () throws -> T) throws -> T {
        try db.transaction {
            guard let jobID, job.value == nil else { return try body() }
            job.value = jobID
            defer { job.value = nil }
            return try body()
        }
    }

    /// Job `jobID`'s entries, oldest first (at most `limit`).
    func entries(jobID: Int64, limit: Int = .max) throws -> [JournalEntry] {
        try db.query(
            "SELECT id, table_name, row_id, action, before_json FROM change_journal WHERE job_id = ? ORDER BY id LIMIT ?",
            [.integer(jobID), .integer(Int64(limit))]
        ).compactMap(JournalEntry.init)
    }

    /// How many entries job `jobID` has, by table and action.
    func summary(jobID: Int64) throws -> [JournalSummary] {
        try db.query(
            """
            SELECT table_name, action, COUNT(*) AS n, COUNT(DISTINCT row_id) AS rows FROM change_journal
            WHERE job_id = ? GROUP BY table_name, action ORDER BY table_name, action
            """, [.integer(jobID)]
        ).compactMap { row in
            guard let table = row.string("table_name"),
                let action = row.string("action").flatMap(JournalEntry.Action.init)
            else { return nil }
            return JournalSummary(table: table, action: action, entries: row.int("n") ?? 0, rows: row.int("rows") ?? 0)
        }
    }
}
