/// The fields a mapping table may write, per record kind, with their types and whether they are required.
public enum TargetSchema {
    /// One target a rule may write.
    public struct Field: Sendable, Hashable {
        /// The target's name (`title`).
        public let name: String
        /// The type its value must have.
        public let type: FieldType
        /// Whether a record without it fails.
        public let required: Bool
        /// Looked up in the destination instead of stored as is.
        public let lookup: String?
    }

    /// The targets of one kind of record.
    public static func fields(for kind: RecordKind) -> [Field] {
        switch kind {
        case .task:
            return [
                Field(name: "external_id", type: .text, required: true, lookup: nil),
                Field(name: "external_key", type: .text, required: false, lookup: nil),
                Field(name: "external_url", type: .text, required: false, lookup: nil),
                Field(name: "external_updated_at", type: .date, required: false, lookup: nil),
                Field(name: "container", type: .text, required: false, lookup: nil),
                Field(name: "title", type: .text, required: true, lookup: nil),
                Field(name: "description", type: .text, required: false, lookup: nil),
                Field(name: "status", type: .text, required: true, lookup: nil),
                Field(name: "priority", type: .text, required: false, lookup: nil),
                Field(name: "category", type: .text, required: false, lookup: nil),
                Field(name: "due_date", type: .date, required: false, lookup: nil),
                Field(name: "story_points", type: .number, required: false, lookup: nil),
                Field(name: "estimated_hours", type: .number, required: false, lookup: nil),
                Field(name: "source_status", type: .text, required: false, lookup: nil),
                Field(name: "source_priority", type: .text, required: false, lookup: nil),
                Field(name: "source_type", type: .text, required: false, lookup: nil),
                Field(name: "labels", type: .labels, required: false, lookup: nil),
                Field(name: "parent", type: .text, required: false, lookup: "tasks.external_id"),
                Field(name: "milestone", type: .text, required: false, lookup: "milestones.title"),
                Field(name: "milestone_external_id", type: .text, required: false, lookup: nil),
                Field(name: "assignees", type: .user, required: false, lookup: "user_profiles.email"),
                Field(name: "deleted_at", type: .date, required: false, lookup: nil),
                Field(name: "created_at", type: .date, required: false, lookup: nil),
                Field(name: "resolved_at", type: .date, required: false, lookup: nil),
                Field(name: "reporter", type: .user, required: false, lookup: nil),
                Field(name: "sprints", type: .json, required: false, lookup: nil),
            ]
        case .comment:
            return [
                Field(name: "external_id", type: .text, required: true, lookup: nil),
                Field(name: "external_url", type: .text, required: false, lookup: nil),
                Field(name: "external_updated_at", type: .date, required: false, lookup: nil),
                Field(name: "body", type: .text, required: false, lookup: nil),
                Field(name: "author", type: .user, required: false, lookup: nil),
                Field(name: "created_at", type: .date, required: false, lookup: nil),
            ]
        case .worklog:
            return [
                Field(name: "external_id", type: .text, required: true, lookup: nil),
                Field(name: "external_updated_at", type: .date, required: false, lookup: nil),
                Field(name: "author", type: .user, required: false, lookup: nil),
                Field(name: "started_at", type: .date, required: false, lookup: nil),
                Field(name: "seconds", type: .integer, required: true, lookup: nil),
                Field(name: "comment", type: .text, required: false, lookup: nil),
            ]
        case .attachment:
            return [
                Field(name: "external_id", type: .text, required: true, lookup: nil),
                Field(name: "external_updated_at", type: .date, required: false, lookup: nil),
                Field(name: "filename", type: .text, required: true, lookup: nil),
                Field(name: "mime_type", type: .text, required: false, lookup: nil),
                Field(name: "size_bytes", type: .integer, required: false, lookup: nil),
                Field(name: "content_url", type: .text, required: false, lookup: nil),
                Field(name: "author", type: .user, required: false, lookup: nil),
                Field(name: "created_at", type: .date, required: false, lookup: nil),
            ]
        case .checklist:
            return [
                Field(name: "external_id", type: .text, required: true, lookup: nil),
                Field(name: "external_key", type: .text, required: false, lookup: nil),
                Field(name: "external_url", type: .text, required: false, lookup: nil),
                Field(name: "title", type: .text, required: true, lookup: nil),
                Field(name: "done", type: .boolean, required: false, lookup: nil),
            ]
        case .link:
            return [
                Field(name: "external_id", type: .text, required: true, lookup: nil),
                Field(name: "type", type: .text, required: true, lookup: nil),
                Field(name: "outward", type: .text, required: false, lookup: nil),
                Field(name: "inward", type: .text, required: false, lookup: nil),
                Field(name: "other", type: .text, required: true, lookup: "tasks.external_id"),
                Field(name: "direction", type: .text, required: true, lookup: nil),
            ]
        case .history:
            return [
                Field(name: "external_id", type: .text, required: true, lookup: nil),
                Field(name: "field", type: .text, required: true, lookup: nil),
                Field(name: "from", type: .text, required: false, lookup: nil),
                Field(name: "to", type: .text, required: false, lookup: nil),
                Field(name: "from_id", type: .text, required: false, lookup: nil),
                Field(name: "to_id", type: .text, required: false, lookup: nil),
                Field(name: "author", type: .user, required: false, lookup: nil),
                Field(name: "changed_at", type: .date, required: false, lookup: nil),
            ]
        }
    }

    /// The target named `name` for `kind`; `custom.<name>` targets of tasks are typed `json`.
    public static func field(_ name: String, for kind: RecordKind) -> Field? {
        if kind == .task, name.hasPrefix("custom."), name.count > 7 {
            return Field(name: name, type: .json, required: false, lookup: nil)
        }
        return fields(for: kind).first { $0.name == name }
    }
}
