import ImportCore

/// Destination projects, their milestones, and the people (`user_profiles`) of one owner's workspace.
public struct ProjectRepository: Sendable {
    let db: SQLiteDatabase

    /// The owner's project named `name` (exact match), if any.
    public func find(owner: Owner, name: String) throws -> Int64? {
        try db.scalar("SELECT id FROM projects WHERE owner_id = ? AND name = ?", [.integer(owner.id), .text(name)])
            .int64Value
    }

    /// The owner's project named `name`, created when missing.
    public func findOrCreate(owner: Owner, name: String) throws -> Int64 {
        if let id = try find(owner: owner, name: name) { return id }
        try db.execute(
            "INSERT INTO projects (owner_id, name, created_at) VALUES (?, ?, ?)",
            [.integer(owner.id), .text(name), .text(Timestamp.now().iso8601)])
        return db.lastInsertRowID
    }

    /// The owner's projects with their task counts.
    public func list(owner: Owner) throws -> [(id: Int64, name: String, tasks: Int)] {
        try db.query(
            """
            SELECT p.id, p.name, (SELECT COUNT(*) FROM tasks t WHERE t.project_id = p.id AND t.deleted_at IS NULL) AS n
            FROM projects p WHERE p.owner_id = ? ORDER BY p.name
            """, [.integer(owner.id)]
        ).map { ($0.int64("id")!, $0.string("name")!, $0.int("n") ?? 0) }
    }

    /// The milestone titled `title` (case-insensitive) in `projectID`, if any.
    public func milestone(projectID: Int64, title: String) throws -> Int64? {
        try db.scalar(
            "SELECT id FROM milestones WHERE project_id = ? AND title = ? COLLATE NOCASE ORDER BY id LIMIT 1",
            [.integer(projectID), .text(title)]
        ).int64Value
    }

    /// Creates a milestone (only when a run config allows it), with the provenance of the record it stands for.
    public func createMilestone(
        owner: Owner, projectID: Int64, title: String, ref: ExternalRef?, instance: String = "", jobID: Int64?
    ) throws -> Int64 {
        try db.execute(
            """
            INSERT INTO milestones (owner_id, project_id, title, external_source, external_instance, external_id,
                external_key, external_url, import_job_id, imported_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """,
            [
                .integer(owner.id), .integer(projectID), .text(title), SQLValue(ref?.source),
                .text(ref == nil ? "" : instance), SQLValue(ref?.id), SQLValue(ref?.key), SQLValue(ref?.url),
                SQLValue(jobID), .text(Timestamp.now().iso8601),
            ])
        return db.lastInsertRowID
    }

    /// The owner's user profile with `email` (case-insensitive), if any. Imports never create one.
    public func user(owner: Owner, email: String) throws -> Int64? {
        try db.scalar(
            "SELECT id FROM user_profiles WHERE owner_id = ? AND email = ?", [.integer(owner.id), .text(email)]
        ).int64Value
    }

    /// Adds a person to the owner's workspace (used by `tributary demo` and tests; imports never do).
    @discardableResult
    public func addUser(owner: Owner, email: String, displayName: String?) throws -> Int64 {
        if let id = try user(owner: owner, email: email) { return id }
        try db.execute(
            "INSERT INTO user_profiles (owner_id, email, display_name) VALUES (?, ?, ?)",
            [.integer(owner.id), .text(email), SQLValue(displayName)])
        return db.lastInsertRowID
    }
}
