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

    /// The rows of one import scope now in the owner's project `project`: live tasks from `source`'s
    /// `containers`, with their comments, worklogs and attachments (a batch report's per-run counts).
    public func importedRows(owner: Owner, project: String, source: String, containers: [String]) throws
        -> ImportedRows
    {
        guard !containers.isEmpty else { return ImportedRows() }
        let placeholders = Array(repeating: "?", count: containers.count).joined(separator: ", ")
        let scope = """
            FROM tasks t JOIN projects p ON p.id = t.project_id
            WHERE t.owner_id = ? AND p.name = ? AND t.external_source = ? AND t.deleted_at IS NULL
                AND t.external_container IN (\(placeholders))
            """
        let values: [SQLValue] = [.integer(owner.id), .text(project), .text(source)] + containers.map(SQLValue.text)
        func count(_ table: String?) throws -> Int {
            let sql =
                table.map { "SELECT COUNT(*) FROM \($0) c WHERE c.task_id IN (SELECT t.id \(scope))" }
                ?? "SELECT COUNT(*) \(scope)"
            return try db.scalar(sql, values).intValue ?? 0
        }
        return ImportedRows(
            tasks: try count(nil), comments: try count("comments"), worklogs: try count("worklogs"),
            attachments: try count("attachments"))
    }
}
