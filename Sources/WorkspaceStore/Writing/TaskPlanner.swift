import ImportCore

/// Decides what writing canonical tasks would do, reading only: the stored row (or the one a
/// `moveFrom` project holds), the assignees and milestone the task resolves to here, the content
/// hashes that tell an unchanged record from a changed one, and, for dry runs, the field-level diff.
///
/// A task is matched by its provenance identity: owner, destination project, `external_source`, the
/// source instance and `external_id`; the same source item imported into two projects is two tasks,
/// and two sites never collide. Its content hash covers the mapped values and what they resolve to
/// here (destination project, milestone, assignees); children carry their own hashes, summed up in
/// the task's `children_hash`.
final class TaskPlanner {
    let db: SQLiteDatabase
    let target: WriteTarget
    /// The destination project (`nil` only in a dry run into a project that does not exist yet).
    let projectID: Int64?
    private var users: [String: Int64?] = [:]
    private var milestones: [String: Int64?] = [:]

    init(db: SQLiteDatabase, target: WriteTarget) {
        self.db = db
        self.target = target
        self.projectID = target.projectID
    }

    /// The plan for `task`.
    func plan(_ task: CanonicalTask) throws -> TaskPlan {
        var unmatchedAssignees: [String] = []
        var assigneeIDs: [Int64] = []
        for person in task.assignees {
            if let email = person.email, !email.isEmpty, let id = try user(email: email) {
                assigneeIDs.append(id)
            } else {
                unmatchedAssignees.append(person.email ?? person.displayName ?? person.externalID ?? "unknown")
            }
        }
        assigneeIDs = Array(Set(assigneeIDs)).sorted()
        let milestone = try resolveMilestone(task)
        let milestoneID: Int64? =
            switch milestone {
            case .existing(let id), .renamed(let id, _): id
            case .none, .create, .unmatched: nil
            }
        let values = Self.values(task, projectID: projectID ?? -1, milestoneID: milestoneID)
        let children = ChildRow.rows(of: task, managed: target.managedChildren)
        return TaskPlan(
            task: task, stored: try stored(task), milestone: milestone, assigneeIDs: assigneeIDs,
            unmatchedAssignees: unmatchedAssignees, values: values,
            contentHash: Self.contentHash(values: values, assigneeIDs: assigneeIDs), children: children,
            childrenHash: Self.childrenHash(
                children, capacity: task.comments.count + task.worklogs.count + task.history.count + 1))
    }

    /// The mapped column values of `task`.
    static func values(_ task: CanonicalTask, projectID: Int64, milestoneID: Int64?) -> [SQLValue] {
        [
            .integer(projectID), .text(task.title), SQLValue(task.description), .text(task.status),
            SQLValue(task.priority), SQLValue(task.category), SQLValue(task.dueDate), SQLValue(milestoneID),
            SQLValue(task.estimatedHours), SQLValue(task.storyPoints), SQLValue(task.sourceStatus),
            SQLValue(task.sourcePriority), SQLValue(task.sourceType),
            .text(JSONValue.array(task.labels.map(JSONValue.string)).jsonText), SQLValue(task.parentExternalID),
            SQLValue(task.container), .text(JSONValue.object(task.custom).jsonText), SQLValue(task.ref.key),
            SQLValue(task.ref.url), SQLValue(task.ref.updatedAt), SQLValue(task.createdAt), SQLValue(task.resolvedAt),
            SQLValue(task.reporter?.email), SQLValue(task.reporter?.displayName), SQLValue(task.reporter?.externalID),
            .text(JSONValue.array(task.sprints.map(\.jsonValue)).jsonText),
            .text(JSONValue.array(task.assignees.map(\.jsonValue)).jsonText),
        ]
    }

    static func contentHash(values: [SQLValue], assigneeIDs: [Int64]) -> String {
        var hasher = RowHasher()
        for (column, value) in zip(TaskStatements.mappedColumns, values) { hasher.add(column, value) }
        hasher.add("assignees", .text(assigneeIDs.map(String.init).joined(separator: ",")))
        return hasher.finish()
    }

    static func childrenHash(_ children: [(RecordKind, [ChildRow])], capacity: Int) -> String {
        var hasher = RowHasher(capacity: 64 * capacity)
        for (kind, rows) in children {
            hasher.add(TaskStatements.hashLabel(kind), .text(rows.map(\.hash).joined(separator: ",")))
        }
        return hasher.finish()
    }

    /// The identity of `task` in `project` as bound parameters.
    func identity(_ task: CanonicalTask, project: Int64) -> [SQLValue] {
        [
            .integer(target.owner.id), .integer(project), .text(task.ref.source), .text(target.instance),
            .text(task.ref.id),
        ]
    }

    /// The stored task, in the destination or else in a `moveFrom` project.
    private func stored(_ task: CanonicalTask) throws -> TaskPlan.Stored? {
        guard let projectID else { return nil }
        for project in [projectID] + target.moveFrom.filter({ $0 != projectID }) {
            if let row = try db.queryOne(TaskStatements.find, identity(task, project: project)),
                let id = row.int64("id")
            {
                return TaskPlan.Stored(
                    id: id, contentHash: row.string("content_hash"), childrenHash: row.string("children_hash"),
                    deleted: !row["deleted_at"].isNull, movesFromProject: project == projectID ? nil : project)
            }
        }
        return nil
    }

    private func user(email: String) throws -> Int64? {
        let key = email.lowercased()
        if let cached = users[key] { return cached }
        let id = try ProjectRepository(db: db).user(owner: target.owner, email: email)
        users[key] = id
        return id
    }

    private func resolveMilestone(_ task: CanonicalTask) throws -> TaskPlan.Milestone {
        guard let milestone = task.milestone, !milestone.title.isEmpty else { return .none }
        guard let projectID else { return .unmatched(milestone.title) }
        let key = milestone.title.lowercased()
        if let cached = milestones[key] {
            return cached.map { .existing($0) }
                ?? (target.createMilestones ? .create(milestone) : .unmatched(milestone.title))
        }
        if let id = try ProjectRepository(db: db).milestone(projectID: projectID, title: milestone.title) {
            milestones[key] = id
            return .existing(id)
        }
        guard target.createMilestones else { return .unmatched(milestone.title) }
        if let externalID = milestone.externalID,
            let id = try db.scalar(
                """
                SELECT id FROM milestones WHERE owner_id = ? AND project_id = ? AND external_source = ?
                    AND external_instance = ? AND external_id = ?
                """,
                [
                    .integer(target.owner.id), .integer(projectID), .text(task.ref.source), .text(target.instance),
                    .text(externalID),
                ]
            ).int64Value
        {
            return .renamed(id, title: milestone.title)
        }
        return .create(milestone)
    }

    /// Forgets a milestone title's resolution (after the writer created or renamed one).
    func remember(milestone title: String, id: Int64) { milestones[title.lowercased()] = id }

    /// The columns that differ between the stored task and `plan`, for a dry run's per-field diff.
    func fieldChanges(_ plan: TaskPlan) throws -> [RecordOutcome.FieldChange] {
        guard let stored = plan.stored, plan.change == .updated else { return [] }
        var changes: [RecordOutcome.FieldChange] = []
        if let current = try db.queryOne(
            "SELECT \(TaskStatements.mappedColumns.joined(separator: ", ")), deleted_at FROM tasks WHERE id = ?",
            [.integer(stored.id)])
        {
            for (column, value) in zip(TaskStatements.mappedColumns, plan.values) where current[column] != value {
                if let old = current[column].doubleValue, let new = value.doubleValue, old == new { continue }
                changes.append(.init(field: column, old: current[column].displayText, new: value.displayText))
            }
            if current["deleted_at"].isNull != (plan.task.deletedAt == nil) {
                changes.append(
                    .init(field: "deleted_at", old: current.string("deleted_at"), new: plan.task.deletedAt))
            }
        }
        if plan.childrenChanged { changes += try childChanges(plan, taskID: stored.id) }
        return changes
    }

    /// Per child kind that differs: how many there are now and will be, and what happens to them
    /// (`comments: 3 → 4 (1 added, 1 edited)`).
    private func childChanges(_ plan: TaskPlan, taskID: Int64) throws -> [RecordOutcome.FieldChange] {
        var changes: [RecordOutcome.FieldChange] = []
        for (kind, rows) in plan.children {
            var stored: [String: String] = [:]
            if kind == .link {
                stored = try LinkWriter.stored(
                    involving: plan.task.ref.id, source: plan.task.ref.source, target: target, db: db)
            } else {
                for row in try db.query(
                    "SELECT external_id, content_hash FROM \(TaskStatements.table(kind)) WHERE task_id = ?",
                    [.integer(taskID)])
                {
                    if let id = row.string("external_id") { stored[id] = row.string("content_hash") ?? "" }
                }
            }
            let incoming = Dictionary(rows.map { ($0.ref.id, $0.hash) }) { first, _ in first }
            let added = incoming.keys.filter { stored[$0] == nil }.count
            let removed = stored.keys.filter { incoming[$0] == nil }.count
            let edited = incoming.filter { id, hash in stored[id].map { $0 != hash } ?? false }.count
            guard added + removed + edited > 0 else { continue }
            let what = [(added, "added"), (edited, "edited"), (removed, "removed")].filter { $0.0 > 0 }
                .map { "\($0.0) \($0.1)" }.joined(separator: ", ")
            changes.append(
                .init(field: TaskStatements.table(kind), old: String(stored.count), new: "\(incoming.count) (\(what))"))
        }
        return changes
    }
}
