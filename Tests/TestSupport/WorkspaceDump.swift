import Foundation
import ImportCore
import WorkspaceStore

/// A canonical text dump of a workspace's imported content (no local ids, job ids, import times or
/// hashes, which cover site URLs), to compare two databases row for row.
public enum WorkspaceDump {
    public static func canonical(_ db: SQLiteDatabase) throws -> String {
        var lines: [String] = []
        let queries = [
            (
                "tasks",
                """
                SELECT t.external_source, t.external_id, t.external_key, t.external_url, t.external_updated_at, t.title, t.description, t.status, t.priority, t.category, t.due_date, t.estimated_hours,
                    t.story_points, t.source_status, t.source_priority, t.source_type, t.labels_json, t.custom_fields_json,
                    t.parent_external_id, p.external_id AS parent_id, m.title AS milestone, t.deleted_at IS NOT NULL AS deleted,
                    pr.name AS project
                FROM tasks t LEFT JOIN tasks p ON p.id = t.parent_task_id LEFT JOIN milestones m ON m.id = t.milestone_id
                JOIN projects pr ON pr.id = t.project_id
                ORDER BY t.external_source, t.external_id
                """
            ),
            (
                "comments",
                "SELECT c.external_id, t.external_id AS task, c.author_email, c.body, c.created_at, c.external_url FROM comments c JOIN tasks t ON t.id = c.task_id ORDER BY c.external_id"
            ),
            (
                "worklogs",
                "SELECT w.external_id, t.external_id AS task, w.seconds, w.started_at, w.comment FROM worklogs w JOIN tasks t ON t.id = w.task_id ORDER BY w.external_id"
            ),
            (
                "attachments",
                "SELECT a.external_id, t.external_id AS task, a.filename, a.size_bytes, a.content_url FROM attachments a JOIN tasks t ON t.id = a.task_id ORDER BY a.external_id"
            ),
            (
                "checklist",
                "SELECT c.external_id, t.external_id AS task, c.position, c.title, c.done FROM checklist_items c JOIN tasks t ON t.id = c.task_id ORDER BY t.external_id, c.position"
            ),
            (
                "assignees",
                "SELECT t.external_id AS task, u.email FROM task_assignees a JOIN tasks t ON t.id = a.task_id JOIN user_profiles u ON u.id = a.user_id ORDER BY t.external_id, u.email"
            ),
        ]
        for (name, sql) in queries {
            lines.append("# \(name)")
            for row in try db.query(sql) {
                lines.append(
                    row.values.map { value -> String in
                        switch value {
                        case .null: return "∅"
                        case .integer(let number): return String(number)
                        case .real(let number): return String(number)
                        case .text(let text): return text
                        case .blob(let bytes): return "<\(bytes.count)>"
                        }
                    }.joined(separator: "|"))
            }
        }
        return lines.joined(separator: "\n")
    }

    /// Provenance keys that occur more than once in any imported table (must be empty).
    public static func duplicateProvenance(_ db: SQLiteDatabase) throws -> [String] {
        var duplicates: [String] = []
        for table in WorkspaceSchema.importedTables {
            // The provenance identity: owner, destination project (not for people), source, instance, id.
            let project = table == "user_profiles" ? "0" : "project_id"
            for row in try db.query(
                "SELECT owner_id, \(project), external_source, external_instance, external_id, COUNT(*) AS n FROM \(table) WHERE external_id IS NOT NULL GROUP BY 1, 2, 3, 4, 5 HAVING n > 1"
            ) {
                duplicates.append(
                    "\(table): \(row.string("external_source") ?? "")/\(row.string("external_id") ?? "") ×\(row.int("n") ?? 0)"
                )
            }
        }
        return duplicates
    }
}
