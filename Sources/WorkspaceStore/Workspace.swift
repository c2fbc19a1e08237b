import Foundation
import ImportCore

/// The embedded default destination: one SQLite file with the migrated schema, reached through
/// owner-scoped repositories. It is the `ImportDestination` and `ConnectionStore` the CLI runs on.
public final class Workspace: Sendable {
    /// The database itself, for inspection (tests, `sqlite3`-style checks); imports go through the
    /// destination and connection-store methods.
    public let db: SQLiteDatabase
    /// Where downloaded attachment content is kept (a folder beside the database).
    public let contentStore: FileContentStore
    /// What each job changed, for review and revert (its triggers live on this connection).
    let journal: ChangeJournal

    /// Opens (creating and migrating) the workspace at `path`.
    public init(path: String) throws {
        db = try SQLiteDatabase(path: path)
        // Deleted secrets must not linger in free pages of the file.
        try db.execute("PRAGMA secure_delete = ON")
        try Migrator.migrate(db)
        journal = ChangeJournal(db: db, job: try ChangeJournal.install(on: db))
        contentStore = FileContentStore(db: db, journal: journal)
    }

    /// The database file.
    public var path: String { db.path }

    /// The owner with `email`, created on first use.
    public func owner(email: String) throws -> Owner {
        let normalized = email.trimmingCharacters(in: .whitespacesAndNewlines)
        guard normalized.contains("@"), normalized.count <= 320 else {
            throw WorkspaceError.invalid(
                "\"\(email)\" is not an email address\n  hint: pass --owner EMAIL or set TRIBUTARY_OWNER.")
        }
        if let owner = try existingOwner(email: normalized) { return owner }
        try db.execute(
            "INSERT INTO owners (email, created_at) VALUES (?, ?) ON CONFLICT(email) DO NOTHING",
            [.text(normalized), .text(Timestamp.now().iso8601)])
        guard let owner = try existingOwner(email: normalized) else {
            throw WorkspaceError.invalid("the owner \(normalized) could not be stored")
        }
        return owner
    }

    /// The owner with `email` if it exists, without creating it.
    public func existingOwner(email: String) throws -> Owner? {
        try db.queryOne("SELECT id, email FROM owners WHERE email = ?", [.text(email)]).flatMap { row in
            guard let id = row.int64("id"), let email = row.string("email") else { return nil }
            return Owner(id: id, email: email)
        }
    }

    /// The owners' connections.
    public var connections: ConnectionRepository { ConnectionRepository(db: db) }
    /// The audit log and activity events.
    public var audit: AuditLog { AuditLog(db: db) }
    /// Destination projects, milestones and people.
    public var projects: ProjectRepository { ProjectRepository(db: db) }
    /// Jobs, their checkpoints and failures, and sync state.
    public var jobs: JobRepository { JobRepository(db: db) }
    /// Facts about this database (the key file `init` chose).
    public var settings: WorkspaceSettings { WorkspaceSettings(db: db) }
    /// Reference data and field lists per connection.
    public var referenceData: ReferenceDataRepository { ReferenceDataRepository(db: db) }
    /// The configs `tributary sync` runs on a schedule, and how their runs went.
    public var schedules: SyncScheduleRepository { SyncScheduleRepository(db: db) }
    /// The source people imports name, matched to workspace users or not.
    public var people: PeopleRepository { PeopleRepository(db: db) }
}
