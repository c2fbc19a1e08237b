import Foundation
import ImportCore

/// Applies the workspace's migrations to a database.
public enum Migrator {
    /// Applies every migration of `migrations` not yet recorded; returns the versions applied now.
    @discardableResult
    public static func migrate(_ db: SQLiteDatabase, migrations: [Migration] = WorkspaceSchema.migrations) throws
        -> [Int]
    {
        try db.execute(
            """
            CREATE TABLE IF NOT EXISTS schema_migrations (
                version INTEGER PRIMARY KEY,
                name TEXT NOT NULL,
                applied_at TEXT NOT NULL
            )
            """)
        let applied = Set(try db.query("SELECT version FROM schema_migrations").compactMap { $0.int("version") })
        if let newest = applied.max(), let known = migrations.map(\.version).max(), newest > known {
            throw WorkspaceError.schemaTooNew(found: newest, supported: known)
        }
        var appliedNow: [Int] = []
        for migration in migrations.sorted(by: { $0.version < $1.version }) where !applied.contains(migration.version) {
            // Foreign keys can only be switched outside a transaction.
            if migration.rebuildsTables { try db.execute("PRAGMA foreign_keys = OFF") }
            defer { if migration.rebuildsTables { _ = try? db.execute("PRAGMA foreign_keys = ON") } }
            try db.transaction {
                try db.execute(migration.sql)
                if migration.rebuildsTables, let broken = try db.query("PRAGMA foreign_key_check").first {
                    throw WorkspaceError.migrationBrokeReferences(
                        version: migration.version, table: broken.string("table") ?? "?")
                }
                try db.execute(
                    "INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)",
                    [.integer(Int64(migration.version)), .text(migration.name), .text(Timestamp.now().iso8601)])
            }
            if migration.rebuildsTables { try db.execute("PRAGMA foreign_keys = ON") }
            appliedNow.append(migration.version)
        }
        return appliedNow
    }

    /// The highest migration version recorded in the database (0 when none).
    public static func currentVersion(_ db: SQLiteDatabase) throws -> Int {
        try db.scalar("SELECT COALESCE(MAX(version), 0) FROM schema_migrations").intValue ?? 0
    }
}
