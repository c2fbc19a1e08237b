import ImportCore

// Hours per story point from the imported worklogs of a project's completed tasks.
extension Workspace {
    /// The calibration of the owner's project `name` from its completed tasks (status "Completed",
    /// not deleted): their story points against the time their worklogs add up to.
    public func calibration(owner: Owner, project name: String) throws -> EstimateCalibration {
        guard let projectID = try projects.find(owner: owner, name: name) else {
            throw WorkspaceError.projectNotFound(name: name)
        }
        let rows = try db.query(
            """
            SELECT t.external_key, t.title, t.story_points,
                (SELECT COALESCE(SUM(w.seconds), 0) FROM worklogs w WHERE w.task_id = t.id) AS seconds
            FROM tasks t
            WHERE t.owner_id = ? AND t.project_id = ? AND t.status = 'Completed' AND t.deleted_at IS NULL
            ORDER BY t.id
            """, [.integer(owner.id), .integer(projectID)])
        return EstimateCalibration(
            samples: rows.map { row in
                (
                    task: row.string("external_key") ?? row.string("title") ?? "?",
                    points: row["story_points"].doubleValue,
                    hours: Double(row.int64("seconds") ?? 0) / 3600
                )
            })
    }
}
