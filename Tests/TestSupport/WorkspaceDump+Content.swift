import ImportCore
import WorkspaceStore

extension WorkspaceDump {
    /// How the attachment content stored in `db` differs from `expected` (size and SHA-256 by the
    /// attachment's external id): missing files, extra ones, wrong bytes. Empty when all match.
    public static func contentProblems(_ db: SQLiteDatabase, expected: [String: (size: Int, sha256: String)]) throws
        -> [String]
    {
        let rows = try db.query(
            "SELECT external_id, content_sha256, content_size FROM attachments WHERE content_sha256 IS NOT NULL")
        var problems: [String] = []
        if rows.isEmpty { problems.append("no content stored") }
        if rows.count != expected.count { problems.append("\(rows.count) files stored, \(expected.count) expected") }
        for row in rows {
            let id = row["external_id"].stringValue ?? "?"
            guard let file = expected[id] else {
                problems.append("\(id): not expected")
                continue
            }
            if row["content_sha256"].stringValue != file.sha256 || row["content_size"].intValue != file.size {
                problems.append("\(id): other bytes than the source's")
            }
        }
        return problems
    }
}
