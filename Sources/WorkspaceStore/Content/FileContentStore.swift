import Foundation
import ImportCore

/// The workspace's attachment content: files named by their SHA-256 in a folder beside the database
/// (`<database>.files/sha256/ab/abcdef…`), downloads staged in `<database>.files/staging/` first. Equal
/// content is stored once. Staging files a killed run left behind are removed when a later store opens, after a day;
/// stored files, once no row refers to them and no kept journal could bring one back
/// (`removeUnreferencedFiles`, when journals are pruned).
public struct FileContentStore: AttachmentContentStore {
    let db: SQLiteDatabase
    /// Where a stored file's row change is journaled.
    let journal: ChangeJournal
    /// The store's folder.
    public let folder: String

    /// The store beside the database `db`.
    init(db: SQLiteDatabase, journal: ChangeJournal) {
        self.db = db
        self.journal = journal
        folder = db.path + ".files"
        Self.removeStaleStaging(in: folder + "/staging")
    }

    /// Staging files older than a day are what killed runs left behind (a running download's file is
    /// younger: another process may be writing it now).
    static func removeStaleStaging(in staging: String) {
        let files = FileManager.default
        guard let names = try? files.contentsOfDirectory(atPath: staging) else { return }
        let cutoff = Date().addingTimeInterval(-86_400)
        for name in names {
            let path = staging + "/" + name
            if let modified = (try? files.attributesOfItem(atPath: path))?[.modificationDate] as? Date,
                modified < cutoff
            {
                try? files.removeItem(atPath: path)
            }
        }
    }

    /// Attachments of `target` without content yet, above `after`, in id order.
    public func pendingContent(target: WriteTarget, after: Int64, limit: Int) throws -> [PendingContent] {
        guard let projectID = target.projectID else { return [] }
        return try db.query(
            """
            SELECT a.id, a.external_id, a.content_url, a.filename, a.size_bytes, t.external_key
            FROM attachments a JOIN tasks t ON t.id = a.task_id
            WHERE a.owner_id = ? AND a.project_id = ? AND a.external_instance = ? AND a.content_sha256 IS NULL
                AND a.id > ? AND t.deleted_at IS NULL
            ORDER BY a.id LIMIT ?
            """,
            [
                .integer(target.owner.id), .integer(projectID), .text(target.instance), .integer(after),
                .integer(Int64(limit)),
            ]
        ).compactMap { row in
            guard let id = row.int64("id"), let externalID = row.string("external_id") else { return nil }
            return PendingContent(
                rowID: id, externalID: externalID, contentURL: row.string("content_url"),
                filename: row.string("filename") ?? "", declaredSize: row.int("size_bytes"),
                taskKey: row.string("external_key"))
        }
    }

    /// A fresh staging file path.
    public func stagingPath() throws -> String {
        let staging = folder + "/staging"
        try FileManager.default.createDirectory(atPath: staging, withIntermediateDirectories: true)
        return staging + "/" + UUID().uuidString
    }

    /// Files the staged download under its digest and records it on the row.
    public func commit(staged: String, for attachment: PendingContent, jobID: Int64?) throws -> StoredContent {
        guard let (digest, size) = SHA256.fileDigest(path: staged) else {
            throw WorkspaceError.invalid("the downloaded file \(staged) cannot be read back")
        }
        let directory = "\(folder)/sha256/\(digest.prefix(2))"
        let path = "\(directory)/\(digest)"
        let files = FileManager.default
        // Filed under the write lock, with its row: `removeUnreferencedFiles` looks under it too.
        _ = try journal.recording(jobID: jobID) {
            try files.createDirectory(atPath: directory, withIntermediateDirectories: true)
            if files.fileExists(atPath: path) {
                try? files.removeItem(atPath: staged)
            } else {
                try files.moveItem(atPath: staged, toPath: path)
            }
            try db.execute(
                """
                UPDATE attachments SET content_sha256 = ?, content_size = ?, content_path = ?, content_fetched_at = ?
                WHERE id = ?
                """,
                [
                    .text(digest), .integer(Int64(size)), .text(path), .text(Timestamp.now().iso8601),
                    .integer(attachment.rowID),
                ])
        }
        return StoredContent(sha256: digest, size: size, path: path)
    }

    /// Removes a staging file.
    public func discard(staged: String) { try? FileManager.default.removeItem(atPath: staged) }
}
