import Foundation

/// An owner of rows: every connection, job, audit entry and imported row belongs to exactly one.
public struct Owner: Sendable, Hashable {
    public let id: Int64
    public let email: String
}

/// The workspace store: one SQLite file with the migrated schema, reached through owner-scoped repositories.
public final class Workspace: Sendable {
    public let db: SQLiteDatabase

    /// Opens (creating and migrating) the workspace at `path`.
    public init(path: String) throws {
        db = try SQLiteDatabase(path: path)
        // Deleted secrets must not linger in free pages of the file.
        try db.execute("PRAGMA secure_delete = ON")
        try Migrator.migrate(db)
    }

    public var path: String { db.path }

    /// The owner with `email`, created on first use.
    public func owner(email: String) throws -> Owner {
        let normalized = email.trimmingCharacters(in: .whitespacesAndNewlines)
        guard normalized.contains("@"), normalized.count <= 320 else {
            throw WorkspaceError.invalid(
                "\"\(email)\" is not an email address\n  hint: pass --owner EMAIL or set TRIBUTARY_OWNER.")
        }
        if let row = try db.queryOne("SELECT id, email FROM owners WHERE email = ?", [.text(normalized)]) {
            return Owner(id: row.int64("id")!, email: row.string("email")!)
        }
        try db.execute(
            "INSERT INTO owners (email, created_at) VALUES (?, ?) ON CONFLICT(email) DO NOTHING",
            [.text(normalized), .text(Timestamp.now().iso8601)])
        let row = try db.queryOne("SELECT id, email FROM owners WHERE email = ?", [.text(normalized)])!
        return Owner(id: row.int64("id")!, email: row.string("email")!)
    }

    /// The owner with `email` if it exists, without creating it.
    public func existingOwner(email: String) throws -> Owner? {
        try db.queryOne("SELECT id, email FROM owners WHERE email = ?", [.text(email)]).map {
            Owner(id: $0.int64("id")!, email: $0.string("email")!)
        }
    }

    public var connections: ConnectionRepository { ConnectionRepository(db: db) }
    public var audit: AuditLog { AuditLog(db: db) }
    public var projects: ProjectRepository { ProjectRepository(db: db) }
    public var jobs: JobRepository { JobRepository(db: db) }
    public var settings: WorkspaceSettings { WorkspaceSettings(db: db) }
}
