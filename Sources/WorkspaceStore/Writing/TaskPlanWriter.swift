import ImportCore

/// Applies task plans: moves a task found in a `moveFrom` project, creates or renames its milestone,
/// then inserts or updates the task, its assignees and its children. An unchanged plan writes
/// nothing at all; local-only columns (`local_notes`, `created_at`, the local id) are never touched.
/// Call inside a transaction: a page's plans are applied in one.
struct TaskPlanWriter {
    let db: SQLiteDatabase
    let target: WriteTarget
    let projectID: Int64
    let jobID: Int64?

    /// Applies `plan` (made by `planner` for the same target) and says what it did.
    func apply(_ plan: TaskPlan, planner: TaskPlanner) throws -> RecordOutcome {
        var plan = plan
        var rows = 0
        if let stored = plan.stored, let from = stored.movesFromProject {
            rows += try move(taskID: stored.id, from: from)
        }
        if case .create(let milestone) = plan.milestone {
            let id = try ProjectRepository(db: db).createMilestone(
                owner: target.owner, projectID: projectID, title: milestone.title,
                ref: milestone.externalID.map { ExternalRef(source: plan.task.ref.source, id: $0) },
                instance: target.instance, jobID: jobID)
            planner.remember(milestone: milestone.title, id: id)
            plan = Self.replanned(plan, milestoneID: id, projectID: projectID)
            rows += 1
        } else if case .renamed(let id, let title) = plan.milestone {
            rows += try db.execute("UPDATE milestones SET title = ? WHERE id = ?", [.text(title), .integer(id)])
            planner.remember(milestone: title, id: id)
        }
        let outcome = { (change: RecordOutcome.Change, taskID: Int64) in
            RecordOutcome(
                change: change, taskID: taskID, fieldChanges: [], unmatchedAssignees: plan.unmatchedAssignees,
                unmatchedMilestone: plan.unmatchedMilestone, rowsWritten: rows)
        }
        let task = plan.task
        let now = Timestamp.now().iso8601
        guard let stored = plan.stored else {
            rows += try db.execute(
                TaskStatements.insert,
                [.integer(target.owner.id)] + plan.values + parentParameters(task)
                    + [
                        .text(task.ref.source), .text(target.instance), .text(task.ref.id), .text(plan.contentHash),
                        .text(plan.childrenHash), SQLValue(jobID), .text(now), .text(now), .text(now),
                        SQLValue(task.deletedAt),
                    ])
            let taskID = db.lastInsertRowID
            rows += try db.execute(
                TaskStatements.adoptChildren,
                [
                    .integer(taskID), .integer(target.owner.id), .integer(projectID), .text(task.ref.source),
                    .text(target.instance), .text(task.ref.id), .integer(taskID),
                ])
            rows += try links.resolve(taskID: taskID, externalID: task.ref.id, source: task.ref.source)
            rows += try syncAssignees(taskID: taskID, userIDs: plan.assigneeIDs)
            rows += try syncChildren(taskID: taskID, plan: plan, fresh: true, now: now)
            return outcome(.created, taskID)
        }
        guard plan.taskChanged || plan.childrenChanged else { return outcome(.unchanged, stored.id) }
        if plan.taskChanged {
            rows += try db.execute(
                TaskStatements.update,
                plan.values + parentParameters(task)
                    + [
                        .text(plan.contentHash), .text(plan.childrenHash), SQLValue(jobID), .text(now), .text(now),
                        SQLValue(task.deletedAt), .integer(stored.id),
                    ])
            rows += try syncAssignees(taskID: stored.id, userIDs: plan.assigneeIDs)
        } else {
            rows += try db.execute(
                "UPDATE tasks SET children_hash = ?, import_job_id = ?, imported_at = ? WHERE id = ?",
                [.text(plan.childrenHash), SQLValue(jobID), .text(now), .integer(stored.id)])
        }
        if plan.childrenChanged {
            rows += try syncChildren(taskID: stored.id, plan: plan, fresh: false, now: now)
        }
        return outcome(.updated, stored.id)
    }

    /// `plan` with its milestone now existing: values and content hash include it.
    static func replanned(_ plan: TaskPlan, milestoneID: Int64, projectID: Int64) -> TaskPlan {
        let values = TaskPlanner.values(plan.task, projectID: projectID, milestoneID: milestoneID)
        return TaskPlan(
            task: plan.task, stored: plan.stored, milestone: .existing(milestoneID), assigneeIDs: plan.assigneeIDs,
            unmatchedAssignees: plan.unmatchedAssignees, values: values,
            contentHash: TaskPlanner.contentHash(values: values, assigneeIDs: plan.assigneeIDs),
            children: plan.children, childrenHash: plan.childrenHash)
    }

    private var links: LinkWriter { LinkWriter(db: db, target: target, projectID: projectID, jobID: jobID) }

    /// The parent lookup's parameters for `task`.
    private func parentParameters(_ task: CanonicalTask) -> [SQLValue] {
        [
            .integer(target.owner.id), .integer(projectID), .text(task.ref.source), .text(target.instance),
            SQLValue(task.parentExternalID),
        ]
    }

    /// Moves a task (and its children) from a `moveFrom` project into the destination; the update that
    /// follows rewrites it (its content hash covers the project).
    private func move(taskID: Int64, from project: Int64) throws -> Int {
        var rows = try db.execute(
            "UPDATE tasks SET project_id = ? WHERE id = ?", [.integer(projectID), .integer(taskID)])
        for table in WorkspaceSchema.taskChildTables {
            rows += try db.execute(
                "UPDATE \(table) SET project_id = ? WHERE task_id = ?", [.integer(projectID), .integer(taskID)])
        }
        return rows
    }

    private func syncChildren(taskID: Int64, plan: TaskPlan, fresh: Bool, now: String) throws -> Int {
        var written = 0
        for (kind, rows) in plan.children {
            if kind == .link {
                written += try links.sync(
                    externalID: plan.task.ref.id, source: plan.task.ref.source, rows: rows, now: now)
                continue
            }
            let table = TaskStatements.table(kind)
            var existing: [String: String] = [:]
            if !fresh {
                try db.forEachRow(
                    "SELECT external_id, content_hash FROM \(table) WHERE task_id = ?", [.integer(taskID)]
                ) { row in existing[row.string("external_id") ?? ""] = row.string("content_hash") ?? "" }
            }
            guard let upsert = TaskStatements.upsertChild[kind] else { continue }
            var seen = Set<String>()
            for row in rows {
                guard seen.insert(row.ref.id).inserted else { continue }
                if existing[row.ref.id] == row.hash { continue }
                written += try db.execute(
                    upsert,
                    [.integer(target.owner.id), .integer(projectID), .integer(taskID)] + row.values
                        + [
                            .text(plan.task.ref.source), .text(target.instance), .text(row.ref.id),
                            SQLValue(row.ref.key), SQLValue(row.ref.url), SQLValue(row.ref.updatedAt), .text(row.hash),
                            SQLValue(jobID), .text(now),
                        ])
            }
            for gone in existing.keys where !seen.contains(gone) {
                written += try db.execute(
                    "DELETE FROM \(table) WHERE task_id = ? AND external_id = ?", [.integer(taskID), .text(gone)])
            }
        }
        return written
    }

    private func syncAssignees(taskID: Int64, userIDs: [Int64]) throws -> Int {
        var existing = Set<Int64>()
        try db.forEachRow("SELECT user_id FROM task_assignees WHERE task_id = ?", [.integer(taskID)]) { row in
            if let id = row.int64("user_id") { existing.insert(id) }
        }
        var written = 0
        for id in userIDs where !existing.contains(id) {
            written += try db.execute(
                "INSERT INTO task_assignees (task_id, user_id) VALUES (?, ?)", [.integer(taskID), .integer(id)])
        }
        for id in existing where !userIDs.contains(id) {
            written += try db.execute(
                "DELETE FROM task_assignees WHERE task_id = ? AND user_id = ?", [.integer(taskID), .integer(id)])
        }
        return written
    }
}
