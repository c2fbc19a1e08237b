import ImportCore

/// The SQL of writing tasks and their children, built once: the writer runs it for every record.
enum TaskStatements {
    /// The task columns a mapping fills, in the order of `TaskPlanner.values`.
    static let mappedColumns = [
        "project_id", "title", "description", "status", "priority", "category", "due_date", "milestone_id",
        "estimated_hours", "story_points", "source_status", "source_priority", "source_type", "labels_json",
        "parent_external_id", "external_container", "custom_fields_json", "external_key", "external_url",
        "external_updated_at", "source_created_at", "source_resolved_at", "reporter_email", "reporter_name",
        "reporter_external_id", "sprints_json", "assignees_json",
    ]

    /// The parent of a task: the task of the same project and instance whose external id it names.
    static let parentLookup = """
        (SELECT p.id FROM tasks p WHERE p.owner_id = ? AND p.project_id = ? AND p.external_source = ?
            AND p.external_instance = ? AND p.external_id = ?)
        """

    static let update = """
        UPDATE tasks SET \(mappedColumns.map { "\($0) = ?" }.joined(separator: ", ")),
            parent_task_id = \(parentLookup),
            content_hash = ?, children_hash = ?, import_job_id = ?, imported_at = ?, updated_at = ?,
            deleted_at = ?
        WHERE id = ?
        """

    static let insert = """
        INSERT INTO tasks (owner_id, \(mappedColumns.joined(separator: ", ")), parent_task_id, external_source,
            external_instance, external_id, content_hash, children_hash, import_job_id, imported_at, created_at,
            updated_at, deleted_at)
        VALUES (?, \(Array(repeating: "?", count: mappedColumns.count).joined(separator: ", ")), \(parentLookup),
            ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        """

    static let find = """
        SELECT id, content_hash, children_hash, deleted_at FROM tasks
        WHERE owner_id = ? AND project_id = ? AND external_source = ? AND external_instance = ? AND external_id = ?
        """

    /// Children seen before their parent are linked once it exists.
    static let adoptChildren = """
        UPDATE tasks SET parent_task_id = ?
        WHERE owner_id = ? AND project_id = ? AND external_source = ? AND external_instance = ?
            AND parent_external_id = ? AND parent_task_id IS NOT ?
        """

    /// The table that holds children of `kind`.
    static func table(_ kind: RecordKind) -> String {
        switch kind {
        case .comment: "comments"
        case .worklog: "worklogs"
        case .attachment: "attachments"
        case .checklist: "checklist_items"
        case .link: "task_links"
        case .history: "task_history"
        case .task: "tasks"
        }
    }

    /// The data columns of a child row of `kind`, in the order of `ChildRow.values`.
    static func columns(_ kind: RecordKind) -> [String] {
        switch kind {
        case .comment: ["author_email", "author_name", "body", "created_at", "author_external_id"]
        case .worklog: ["author_email", "author_name", "started_at", "seconds", "comment", "author_external_id"]
        case .attachment:
            [
                "filename", "mime_type", "size_bytes", "content_url", "author_email", "created_at", "author_name",
                "author_external_id",
            ]
        case .checklist: ["position", "title", "done"]
        case .link: ["link_type", "outward", "inward", "from_external_id", "to_external_id"]
        case .history:
            [
                "field", "from_value", "to_value", "from_id", "to_id", "author_email", "author_name",
                "author_external_id", "changed_at",
            ]
        case .task: []
        }
    }

    /// The upsert of one child row of `kind`, per child kind that belongs to one task (links belong
    /// to a pair: `LinkWriter` writes them).
    static let upsertChild: [RecordKind: String] = Dictionary(
        uniqueKeysWithValues: RecordKind.childKinds.filter { $0 != .link }.map { kind in
            let columns = columns(kind)
            let updates =
                (columns + [
                    "task_id", "external_key", "external_url", "external_updated_at", "content_hash",
                    "import_job_id", "imported_at",
                ]).map { "\($0) = excluded.\($0)" }.joined(separator: ", ")
            return (
                kind,
                """
                INSERT INTO \(table(kind)) (owner_id, project_id, task_id, \(columns.joined(separator: ", ")),
                    external_source, external_instance, external_id, external_key, external_url, external_updated_at,
                    content_hash, import_job_id, imported_at)
                VALUES (?, ?, ?, \(Array(repeating: "?", count: columns.count).joined(separator: ", ")),
                    ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (owner_id, project_id, external_source, external_instance, external_id)
                DO UPDATE SET \(updates)
                """
            )
        })

    /// The name a child kind has in a task's children hash (kept from the first release, so that
    /// hashes stored then still match).
    static func hashLabel(_ kind: RecordKind) -> String {
        switch kind {
        case .comment: "comments"
        case .worklog: "worklogs"
        case .attachment: "attachments"
        case .checklist: "checklist"
        case .link: "links"
        case .history: "history"
        case .task: "task"
        }
    }
}
