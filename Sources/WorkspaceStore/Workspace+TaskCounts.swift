import ImportCore

extension Workspace {
    /// The owner's live (not deleted) tasks from `source`'s container `container`, in any project.
    public func liveTaskCount(owner: Owner, source: String, container: String) throws -> Int {
        try db.scalar(
            """
            SELECT COUNT(*) FROM tasks
            WHERE owner_id = ? AND external_source = ? AND external_container = ? AND deleted_at IS NULL
            """, [.integer(owner.id), .text(source), .text(container)]
        ).intValue ?? 0
    }

    /// The owner's tasks, all projects and sources.
    public func taskCount(owner: Owner) throws -> Int {
        try db.scalar("SELECT COUNT(*) FROM tasks WHERE owner_id = ?", [.integer(owner.id)]).intValue ?? 0
    }

    /// The owner's tasks imported through `connection`: from its provider and its source instance
    /// (for a connection whose instance is not known yet, the ones its own jobs wrote).
    public func taskCount(owner: Owner, importedThrough connection: ConnectionRecord) throws -> Int {
        if let instance = connection.settings["instance"] {
            return try db.scalar(
                "SELECT COUNT(*) FROM tasks WHERE owner_id = ? AND external_source = ? AND external_instance = ?",
                [.integer(owner.id), .text(connection.provider), .text(instance)]
            ).intValue ?? 0
        }
        return try db.scalar(
            """
            SELECT COUNT(*) FROM tasks t JOIN import_jobs j ON j.id = t.import_job_id
            WHERE t.owner_id = ? AND j.connection_id = ?
            """, [.integer(owner.id), .integer(connection.id)]
        ).intValue ?? 0
    }
}
