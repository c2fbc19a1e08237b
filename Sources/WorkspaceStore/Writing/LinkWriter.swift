import ImportCore

/// Writes the links a task's record carries. A link belongs to a pair, not to one task: it is stored
/// once (by the source's link id, whichever end carried it), its ends resolve to local tasks when
/// they are imported (in any order, in any destination project, in any run), and it is removed when
/// a record that was one of its ends no longer lists it.
struct LinkWriter {
    let db: SQLiteDatabase
    let target: WriteTarget
    let projectID: Int64
    let jobID: Int64?

    /// The local task of one end: the one in the writing project when there is one, else the oldest.
    static let endLookup = """
        (SELECT t.id FROM tasks t WHERE t.owner_id = ? AND t.external_source = ? AND t.external_instance = ?
            AND t.external_id = ? ORDER BY t.project_id = ? DESC, t.id LIMIT 1)
        """

    static let upsert = """
        INSERT INTO task_links (owner_id, external_source, external_instance, external_id, link_type, outward, inward,
            from_external_id, to_external_id, from_task_id, to_task_id, content_hash, import_job_id, imported_at)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, \(endLookup), \(endLookup), ?, ?, ?)
        ON CONFLICT (owner_id, external_source, external_instance, external_id) DO UPDATE SET
            link_type = excluded.link_type, outward = excluded.outward, inward = excluded.inward,
            from_external_id = excluded.from_external_id, to_external_id = excluded.to_external_id,
            from_task_id = excluded.from_task_id, to_task_id = excluded.to_task_id,
            content_hash = excluded.content_hash, import_job_id = excluded.import_job_id,
            imported_at = excluded.imported_at
        """

    /// The stored links that involve the record `externalID` of `source` (at either end): link id →
    /// content hash. The writer syncs against them; a dry run's diff counts them.
    static func stored(
        involving externalID: String, source: String, target: WriteTarget, db: SQLiteDatabase
    ) throws -> [String: String] {
        var stored: [String: String] = [:]
        try db.forEachRow(
            """
            SELECT external_id, content_hash FROM task_links WHERE owner_id = ? AND external_source = ?
                AND external_instance = ? AND from_external_id = ?
            UNION ALL
            SELECT external_id, content_hash FROM task_links WHERE owner_id = ? AND external_source = ?
                AND external_instance = ? AND to_external_id = ?
            """,
            // Two searches, one per end's index: with `OR`, SQLite read every link of the instance.
            Array(
                repeating: [.integer(target.owner.id), .text(source), .text(target.instance), .text(externalID)],
                count: 2
            )
            .flatMap { $0 }
        ) { row in stored[row.string("external_id") ?? ""] = row.string("content_hash") ?? "" }
        return stored
    }

    /// Makes the stored links that involve the record `externalID` of `source` equal `rows`.
    func sync(externalID: String, source: String, rows: [ChildRow], now: String) throws -> Int {
        let scope: [SQLValue] = [.integer(target.owner.id), .text(source), .text(target.instance)]
        let existing = try Self.stored(involving: externalID, source: source, target: target, db: db)
        var written = 0
        var seen = Set<String>()
        for row in rows {
            guard seen.insert(row.ref.id).inserted, existing[row.ref.id] != row.hash, row.values.count == 5 else {
                continue
            }
            let end = { (value: SQLValue) in scope + [value, .integer(projectID)] }
            written += try db.execute(
                Self.upsert,
                scope + [.text(row.ref.id)] + row.values + end(row.values[3]) + end(row.values[4])
                    + [.text(row.hash), SQLValue(jobID), .text(now)])
        }
        for gone in existing.keys where !seen.contains(gone) {
            written += try db.execute(
                "DELETE FROM task_links WHERE owner_id = ? AND external_source = ? AND external_instance = ? AND external_id = ?",
                scope + [.text(gone)])
        }
        return written
    }

    /// Gives links stored before their end `externalID` was imported that end's new local task.
    func resolve(taskID: Int64, externalID: String, source: String) throws -> Int {
        var written = 0
        for end in ["from", "to"] {
            written += try db.execute(
                """
                UPDATE task_links SET \(end)_task_id = ? WHERE owner_id = ? AND external_source = ?
                    AND external_instance = ? AND \(end)_external_id = ? AND \(end)_task_id IS NULL
                """,
                [
                    .integer(taskID), .integer(target.owner.id), .text(source), .text(target.instance),
                    .text(externalID),
                ])
        }
        return written
    }
}
