import ImportCore

/// The append-only audit log, scoped by owner. Entries never hold secrets.
public struct AuditLog: Sendable {
    let db: SQLiteDatabase

    /// Appends an entry to the owner's audit log (never a secret in `detail`).
    public func record(owner: Owner, action: String, subject: String?, detail: JSONValue = [:]) throws {
        try db.execute(
            "INSERT INTO audit_log (owner_id, at, action, subject, detail_json) VALUES (?, ?, ?, ?, ?)",
            [
                .integer(owner.id), .text(Timestamp.now().iso8601), .text(action), SQLValue(subject),
                .text(detail.jsonText),
            ])
    }

    /// The owner's entries, oldest first, optionally from `since` (ISO-8601) on and at most `limit`.
    public func list(owner: Owner, since: String? = nil, limit: Int = 1000) throws -> [AuditEntry] {
        let rows = try db.query(
            """
            SELECT id, at, action, subject, detail_json FROM (
                SELECT * FROM audit_log WHERE owner_id = ? AND at >= ? ORDER BY id DESC LIMIT ?
            ) ORDER BY id
            """, [.integer(owner.id), .text(since ?? ""), .integer(Int64(limit))])
        return rows.map { row in
            AuditEntry(
                id: row.int64("id")!, at: row.string("at") ?? "", action: row.string("action") ?? "",
                subject: row.string("subject"),
                detail: (try? JSONParser.parse(row.string("detail_json") ?? "{}")) ?? [:])
        }
    }

    /// Records an activity event on a destination project (`imported_from_jira`).
    public func recordActivity(projectID: Int64, kind: String, detail: JSONValue) throws {
        try db.execute(
            "INSERT INTO activity_events (project_id, at, kind, detail_json) VALUES (?, ?, ?, ?)",
            [.integer(projectID), .text(Timestamp.now().iso8601), .text(kind), .text(detail.jsonText)])
    }
}
