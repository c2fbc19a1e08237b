/// Writes canonical tasks and their children into the workspace, idempotently.
///
/// A task is matched by its provenance identity: owner, destination project, `external_source`, the
/// source instance (which site or workspace) and `external_id`; the same source item imported into two
/// projects is two tasks, and two sites never collide. Its content hash covers the mapped
/// values and what they resolve to here (destination project, milestone, assignees); children carry
/// their own hashes, summed up in the task's `children_hash`. When both hashes are unchanged nothing is
/// written at all. Local-only columns (`local_notes`, `created_at`, the local id) are never touched.
/// Call inside a transaction: the engine writes one page per transaction.
public final class TaskWriter {
    /// The child collections this run manages; collections not managed are left as they are.
    public enum ChildKind: String, Sendable, Hashable, CaseIterable {
        case comments, worklogs, attachments, checklist
    }

    /// Where and how to write.
    public struct Context: Sendable {
        public let owner: Owner
        public let projectID: Int64
        /// The source instance every written row carries (`external_instance`).
        public let instance: String
        /// Projects whose tasks from the same source items are moved into `projectID` instead of copied
        /// (the run config's `destination.moveFrom`); empty: moving never happens.
        public let moveFrom: [Int64]
        public let jobID: Int64?
        public let createMilestones: Bool
        public let managedChildren: Set<ChildKind>
        public let dryRun: Bool

        public init(
            owner: Owner, projectID: Int64, instance: String, moveFrom: [Int64] = [], jobID: Int64?,
            createMilestones: Bool, managedChildren: Set<ChildKind> = Set(ChildKind.allCases), dryRun: Bool = false
        ) {
            self.owner = owner
            self.projectID = projectID
            self.instance = instance
            self.moveFrom = moveFrom
            self.jobID = jobID
            self.createMilestones = createMilestones
            self.managedChildren = managedChildren
            self.dryRun = dryRun
        }
    }

    let db: SQLiteDatabase
    public let context: Context
    private var milestoneCache: [String: Int64] = [:]
    private var userCache: [String: Int64?] = [:]
    private var childSQL: [ChildKind: (columns: [String], sql: String)] = [:]

    public init(db: SQLiteDatabase, context: Context) {
        self.db = db
        self.context = context
    }

    /// Forgets looked-up ids; call after a transaction rolled back.
    public func resetCaches() {
        milestoneCache.removeAll()
        userCache.removeAll()
    }

    /// The task columns a mapping fills, in the order of `taskValues`.
    static let mappedColumns = [
        "project_id", "title", "description", "status", "priority", "category", "due_date", "milestone_id",
        "estimated_hours", "story_points", "source_status", "source_priority", "source_type", "labels_json",
        "parent_external_id", "external_container", "custom_fields_json", "external_key", "external_url",
        "external_updated_at",
    ]

    /// The parent of a task: the task of the same project and instance whose external id it names.
    static let parentLookup = """
        (SELECT p.id FROM tasks p WHERE p.owner_id = ? AND p.project_id = ? AND p.external_source = ?
            AND p.external_instance = ? AND p.external_id = ?)
        """

    /// Statements built once: the writer runs them for every record.
    static let updateTaskSQL = """
        UPDATE tasks SET \(mappedColumns.map { "\($0) = ?" }.joined(separator: ", ")),
            parent_task_id = \(parentLookup),
            content_hash = ?, children_hash = ?, import_job_id = ?, imported_at = ?, updated_at = ?,
            deleted_at = NULL
        WHERE id = ?
        """
    static let insertTaskSQL = """
        INSERT INTO tasks (owner_id, \(mappedColumns.joined(separator: ", ")), parent_task_id, external_source,
            external_instance, external_id, content_hash, children_hash, import_job_id, imported_at, created_at,
            updated_at)
        VALUES (?, \(Array(repeating: "?", count: mappedColumns.count).joined(separator: ", ")), \(parentLookup),
            ?, ?, ?, ?, ?, ?, ?, ?, ?)
        """
    static let findTaskSQL = """
        SELECT id, content_hash, children_hash, deleted_at FROM tasks
        WHERE owner_id = ? AND project_id = ? AND external_source = ? AND external_instance = ? AND external_id = ?
        """

    /// The upsert of one child row of `table` with `columns`.
    static func upsertChildSQL(table: String, columns: [String]) -> String {
        let updates =
            (columns + [
                "task_id", "external_key", "external_url", "external_updated_at", "content_hash", "import_job_id",
                "imported_at",
            ]).map { "\($0) = excluded.\($0)" }.joined(separator: ", ")
        return """
            INSERT INTO \(table) (owner_id, project_id, task_id, \(columns.joined(separator: ", ")), external_source,
                external_instance, external_id, external_key, external_url, external_updated_at, content_hash,
                import_job_id, imported_at)
            VALUES (?, ?, ?, \(Array(repeating: "?", count: columns.count).joined(separator: ", ")), ?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (owner_id, project_id, external_source, external_instance, external_id) DO UPDATE SET \(updates)
            """
    }

    /// The identity of a task in this run's project and instance, as bound parameters.
    private func identity(_ task: CanonicalTask, project: Int64? = nil) -> [SQLValue] {
        [
            .integer(context.owner.id), .integer(project ?? context.projectID), .text(task.ref.source),
            .text(context.instance), .text(task.ref.id),
        ]
    }

    /// The parent lookup's parameters for `task`.
    private func parentParameters(_ task: CanonicalTask) -> [SQLValue] {
        [
            .integer(context.owner.id), .integer(context.projectID), .text(task.ref.source), .text(context.instance),
            SQLValue(task.parentExternalID),
        ]
    }

    public func write(_ task: CanonicalTask) throws -> RecordOutcome {
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
        var unmatchedMilestone: String?
        var milestoneID: Int64?
        if let milestone = task.milestone, !milestone.title.isEmpty {
            milestoneID = try resolveMilestone(milestone, source: task.ref.source)
            if milestoneID == nil { unmatchedMilestone = milestone.title }
        }

        let values = taskValues(task, milestoneID: milestoneID)
        var hasher = RowHasher()
        for (column, value) in zip(Self.mappedColumns, values) { hasher.add(column, value) }
        hasher.add("assignees", .text(assigneeIDs.map(String.init).joined(separator: ",")))
        let contentHash = hasher.finish()
        let children = childRows(task)
        var childrenHasher = RowHasher(
            capacity: 64 * (task.comments.count + task.worklogs.count + task.checklist.count + 1))
        for (kind, rows) in children {
            childrenHasher.add(kind.rawValue, .text(rows.map(\.hash).joined(separator: ",")))
        }
        let childrenHash = childrenHasher.finish()

        var existing = try db.queryOne(Self.findTaskSQL, identity(task))
        if existing == nil, !context.dryRun, let moved = try moveIntoProject(task) { existing = moved }

        if context.dryRun {
            return try dryRunOutcome(
                existing: existing, values: values, contentHash: contentHash, childrenHash: childrenHash,
                unmatchedAssignees: unmatchedAssignees, unmatchedMilestone: unmatchedMilestone)
        }

        let now = Timestamp.now().iso8601
        var rows = 0
        let taskID: Int64
        let change: RecordOutcome.Change
        if let existing, let id = existing.int64("id") {
            taskID = id
            let taskChanged = existing.string("content_hash") != contentHash || !existing["deleted_at"].isNull
            let childrenChanged = existing.string("children_hash") != childrenHash
            if !taskChanged && !childrenChanged {
                return RecordOutcome(
                    change: .unchanged, taskID: id, fieldChanges: [], unmatchedAssignees: unmatchedAssignees,
                    unmatchedMilestone: unmatchedMilestone, rowsWritten: 0)
            }
            if taskChanged {
                rows += try db.execute(
                    Self.updateTaskSQL,
                    values + parentParameters(task)
                        + [
                            .text(contentHash), .text(childrenHash), SQLValue(context.jobID), .text(now), .text(now),
                            .integer(id),
                        ])
                rows += try syncAssignees(taskID: id, userIDs: assigneeIDs)
            } else {
                rows += try db.execute(
                    "UPDATE tasks SET children_hash = ?, import_job_id = ?, imported_at = ? WHERE id = ?",
                    [.text(childrenHash), SQLValue(context.jobID), .text(now), .integer(id)])
            }
            if childrenChanged {
                rows += try syncChildren(taskID: id, children: children, ref: task.ref, fresh: false, now: now)
            }
            change = .updated
        } else {
            rows += try db.execute(
                Self.insertTaskSQL,
                [.integer(context.owner.id)] + values + parentParameters(task)
                    + [
                        .text(task.ref.source), .text(context.instance), .text(task.ref.id), .text(contentHash),
                        .text(childrenHash), SQLValue(context.jobID), .text(now), .text(now), .text(now),
                    ])
            taskID = db.lastInsertRowID
            // Children seen before their parent are linked now that it exists.
            rows += try db.execute(
                """
                UPDATE tasks SET parent_task_id = ?
                WHERE owner_id = ? AND project_id = ? AND external_source = ? AND external_instance = ?
                    AND parent_external_id = ? AND parent_task_id IS NOT ?
                """,
                [
                    .integer(taskID), .integer(context.owner.id), .integer(context.projectID), .text(task.ref.source),
                    .text(context.instance), .text(task.ref.id), .integer(taskID),
                ])
            rows += try syncAssignees(taskID: taskID, userIDs: assigneeIDs)
            rows += try syncChildren(taskID: taskID, children: children, ref: task.ref, fresh: true, now: now)
            change = .created
        }
        return RecordOutcome(
            change: change, taskID: taskID, fieldChanges: [], unmatchedAssignees: unmatchedAssignees,
            unmatchedMilestone: unmatchedMilestone, rowsWritten: rows)
    }

    /// Marks this run's project's tasks from `source` (this instance) in `containers` whose ids are not
    /// in `liveIDs` as deleted. Returns how many were marked (in a dry run: would be).
    public func reconcileDeletes(source: String, containers: [String], liveIDs: Set<String>) throws -> Int {
        var marked = 0
        let now = Timestamp.now().iso8601
        for container in containers {
            let rows = try db.query(
                """
                SELECT id, external_id FROM tasks
                WHERE owner_id = ? AND project_id = ? AND external_source = ? AND external_instance = ?
                    AND external_container = ? AND deleted_at IS NULL
                """,
                [
                    .integer(context.owner.id), .integer(context.projectID), .text(source), .text(context.instance),
                    .text(container),
                ])
            for row in rows where !liveIDs.contains(row.string("external_id") ?? "") {
                guard let id = row.int64("id") else { continue }
                if !context.dryRun {
                    try db.execute(
                        "UPDATE tasks SET deleted_at = ?, updated_at = ?, import_job_id = ? WHERE id = ?",
                        [.text(now), .text(now), SQLValue(context.jobID), .integer(id)])
                }
                marked += 1
            }
        }
        return marked
    }

    /// A task for the same source item in one of the `moveFrom` projects, moved (with its children)
    /// into this run's project; `nil` when there is none. Moving happens only when the config asks.
    private func moveIntoProject(_ task: CanonicalTask) throws -> SQLRow? {
        for project in context.moveFrom where project != context.projectID {
            guard let row = try db.queryOne(Self.findTaskSQL, identity(task, project: project)),
                let id = row.int64("id")
            else { continue }
            // The content hash covers the project, so the moved task is then rewritten in full.
            try db.execute("UPDATE tasks SET project_id = ? WHERE id = ?", [.integer(context.projectID), .integer(id)])
            for table in WorkspaceSchema.taskChildTables {
                try db.execute(
                    "UPDATE \(table) SET project_id = ? WHERE task_id = ?", [.integer(context.projectID), .integer(id)])
            }
            return row
        }
        return nil
    }

    // MARK: Values

    private func taskValues(_ task: CanonicalTask, milestoneID: Int64?) -> [SQLValue] {
        [
            .integer(context.projectID), .text(task.title), SQLValue(task.description), .text(task.status),
            SQLValue(task.priority), SQLValue(task.category), SQLValue(task.dueDate), SQLValue(milestoneID),
            SQLValue(task.estimatedHours), SQLValue(task.storyPoints), SQLValue(task.sourceStatus),
            SQLValue(task.sourcePriority), SQLValue(task.sourceType),
            .text(JSONValue.array(task.labels.map(JSONValue.string)).jsonText), SQLValue(task.parentExternalID),
            SQLValue(task.container), .text(JSONValue.object(task.custom).jsonText), SQLValue(task.ref.key),
            SQLValue(task.ref.url), SQLValue(task.ref.updatedAt),
        ]
    }

    /// A child row ready to write: its data columns, provenance and hash.
    struct ChildRow {
        let ref: ExternalRef
        let columns: [String]
        let values: [SQLValue]
        let hash: String
    }

    private func childRows(_ task: CanonicalTask) -> [(ChildKind, [ChildRow])] {
        var result: [(ChildKind, [ChildRow])] = []
        for kind in ChildKind.allCases where context.managedChildren.contains(kind) {
            let rows: [ChildRow]
            switch kind {
            case .comments:
                rows = task.comments.map { comment in
                    makeRow(
                        comment.ref, ["author_email", "author_name", "body", "created_at"],
                        [
                            SQLValue(comment.author?.email), SQLValue(comment.author?.displayName), .text(comment.body),
                            SQLValue(comment.createdAt),
                        ])
                }
            case .worklogs:
                rows = task.worklogs.map { log in
                    makeRow(
                        log.ref, ["author_email", "author_name", "started_at", "seconds", "comment"],
                        [
                            SQLValue(log.author?.email), SQLValue(log.author?.displayName), SQLValue(log.startedAt),
                            .integer(Int64(log.seconds)), SQLValue(log.comment),
                        ])
                }
            case .attachments:
                rows = task.attachments.map { file in
                    makeRow(
                        file.ref,
                        ["filename", "mime_type", "size_bytes", "content_url", "author_email", "created_at"],
                        [
                            .text(file.filename), SQLValue(file.mimeType), SQLValue(file.sizeBytes),
                            SQLValue(file.contentURL), SQLValue(file.author?.email), SQLValue(file.createdAt),
                        ])
                }
            case .checklist:
                rows = task.checklist.map { item in
                    makeRow(
                        item.ref, ["position", "title", "done"],
                        [.integer(Int64(item.position)), .text(item.title), SQLValue(item.done)])
                }
            }
            result.append((kind, rows))
        }
        return result
    }

    private func makeRow(_ ref: ExternalRef, _ columns: [String], _ values: [SQLValue]) -> ChildRow {
        var hasher = RowHasher(capacity: 256)
        hasher.add("external_id", ref.id)
        hasher.add("external_key", ref.key)
        hasher.add("external_url", ref.url)
        hasher.add("external_updated_at", ref.updatedAt)
        for (column, value) in zip(columns, values) { hasher.add(column, value) }
        return ChildRow(ref: ref, columns: columns, values: values, hash: hasher.finish())
    }

    static func table(_ kind: ChildKind) -> String {
        kind == .checklist ? "checklist_items" : kind.rawValue
    }

    private func syncChildren(
        taskID: Int64, children: [(ChildKind, [ChildRow])], ref: ExternalRef, fresh: Bool, now: String
    ) throws
        -> Int
    {
        var written = 0
        for (kind, rows) in children {
            let table = Self.table(kind)
            var existing: [String: String] = [:]
            if !fresh {
                try db.forEachRow(
                    "SELECT external_id, content_hash FROM \(table) WHERE task_id = ?", [.integer(taskID)]
                ) { row in existing[row.string("external_id") ?? ""] = row.string("content_hash") ?? "" }
            }
            var seen = Set<String>()
            for row in rows {
                guard seen.insert(row.ref.id).inserted else { continue }
                if existing[row.ref.id] == row.hash { continue }
                let sql: String
                if let cached = childSQL[kind], cached.columns == row.columns {
                    sql = cached.sql
                } else {
                    sql = Self.upsertChildSQL(table: table, columns: row.columns)
                    childSQL[kind] = (row.columns, sql)
                }
                written += try db.execute(
                    sql,
                    [.integer(context.owner.id), .integer(context.projectID), .integer(taskID)] + row.values
                        + [
                            .text(ref.source), .text(context.instance), .text(row.ref.id), SQLValue(row.ref.key),
                            SQLValue(row.ref.url), SQLValue(row.ref.updatedAt), .text(row.hash),
                            SQLValue(context.jobID), .text(now),
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

    // MARK: Lookups

    private func user(email: String) throws -> Int64? {
        let key = email.lowercased()
        if let cached = userCache[key] { return cached }
        let id = try ProjectRepository(db: db).user(owner: context.owner, email: email)
        userCache[key] = id
        return id
    }

    private func resolveMilestone(_ milestone: MilestoneReference, source: String) throws -> Int64? {
        let key = milestone.title.lowercased()
        if let cached = milestoneCache[key] { return cached }
        let projects = ProjectRepository(db: db)
        if let id = try projects.milestone(projectID: context.projectID, title: milestone.title) {
            milestoneCache[key] = id
            return id
        }
        guard context.createMilestones, !context.dryRun else { return nil }
        let ref = milestone.externalID.map { ExternalRef(source: source, id: $0) }
        if let ref,
            let id = try db.scalar(
                """
                SELECT id FROM milestones WHERE owner_id = ? AND project_id = ? AND external_source = ?
                    AND external_instance = ? AND external_id = ?
                """,
                [
                    .integer(context.owner.id), .integer(context.projectID), .text(ref.source), .text(context.instance),
                    .text(ref.id),
                ]
            ).int64Value
        {
            try db.execute("UPDATE milestones SET title = ? WHERE id = ?", [.text(milestone.title), .integer(id)])
            milestoneCache[key] = id
            return id
        }
        let id = try projects.createMilestone(
            owner: context.owner, projectID: context.projectID, title: milestone.title, ref: ref,
            instance: context.instance, jobID: context.jobID)
        milestoneCache[key] = id
        return id
    }

    // MARK: Dry run

    private func dryRunOutcome(
        existing: SQLRow?, values: [SQLValue], contentHash: String, childrenHash: String,
        unmatchedAssignees: [String], unmatchedMilestone: String?
    ) throws -> RecordOutcome {
        guard let existing, let id = existing.int64("id") else {
            return RecordOutcome(
                change: .created, taskID: nil, fieldChanges: [], unmatchedAssignees: unmatchedAssignees,
                unmatchedMilestone: unmatchedMilestone, rowsWritten: 0)
        }
        let taskChanged = existing.string("content_hash") != contentHash || !existing["deleted_at"].isNull
        let childrenChanged = existing.string("children_hash") != childrenHash
        guard taskChanged || childrenChanged else {
            return RecordOutcome(
                change: .unchanged, taskID: id, fieldChanges: [], unmatchedAssignees: unmatchedAssignees,
                unmatchedMilestone: unmatchedMilestone, rowsWritten: 0)
        }
        var changes: [RecordOutcome.FieldChange] = []
        if let current = try db.queryOne(
            "SELECT \(Self.mappedColumns.joined(separator: ", ")), deleted_at FROM tasks WHERE id = ?", [.integer(id)])
        {
            for (column, value) in zip(Self.mappedColumns, values) where current[column] != value {
                if let old = current[column].doubleValue, let new = value.doubleValue, old == new { continue }
                changes.append(.init(field: column, old: current[column].displayText, new: value.displayText))
            }
            if !current["deleted_at"].isNull {
                changes.append(.init(field: "deleted_at", old: current.string("deleted_at"), new: nil))
            }
        }
        if childrenChanged { changes.append(.init(field: "children", old: nil, new: "changed")) }
        return RecordOutcome(
            change: .updated, taskID: id, fieldChanges: changes, unmatchedAssignees: unmatchedAssignees,
            unmatchedMilestone: unmatchedMilestone, rowsWritten: 0)
    }
}

extension SQLValue {
    /// The value as a short text for people (dry-run diffs).
    var displayText: String? {
        switch self {
        case .null: return nil
        case .integer(let number): return String(number)
        case .real(let number): return JSONValue.format(number: number)
        case .text(let text): return text
        case .blob(let bytes): return "<\(bytes.count) bytes>"
        }
    }
}
