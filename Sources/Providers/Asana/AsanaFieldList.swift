import ImportCore

/// What to ask Asana for (`opt_fields`), from the source paths a mapping table reads: a task's own
/// fields, and those of its stories and attachments (read by their own requests). Paths are the
/// table's (`custom_fields[name=Priority].display_value`, `stories[*].created_by`); `opt_fields`
/// names dotted fields only (`custom_fields.display_value,custom_fields.name`).
struct AsanaFieldList: Sendable, Hashable {
    /// `opt_fields` of a task request (listings, subtasks).
    let task: [String]
    /// `opt_fields` of a stories request.
    let stories: [String]
    /// `opt_fields` of an attachments request.
    let attachments: [String]

    /// Fields every task request carries, whatever the table reads: identity, change time, where it
    /// sits and whether it has subtasks.
    static let taskBasics = ["gid", "name", "resource_subtype", "modified_at", "num_subtasks", "parent.name"]
    /// Fields every stories request carries: enough to tell a comment from a system story.
    static let storyBasics = ["resource_subtype", "type", "created_at"]
    /// Fields every attachments request carries. `download_url` is never asked for here: it lasts
    /// minutes, so it is fetched only when content is downloaded.
    static let attachmentBasics = ["name", "created_at"]
    /// Objects that are people: a path naming one asks for the name and email inside it.
    static let people: Set<String> = ["assignee", "created_by", "completed_by", "followers", "liked_by"]

    /// The lists for `paths` (the mapping table's source paths; when empty, what the shipped table reads).
    init(paths: [String]) {
        var task = Self.taskBasics
        var stories = Self.storyBasics
        var attachments = Self.attachmentBasics
        func add(_ field: String, to list: inout [String]) {
            guard !field.isEmpty, field != "download_url", !list.contains(field) else { return }
            list.append(field)
        }
        for path in paths.isEmpty ? AsanaAPI.taskFields : paths {
            for field in Self.fields(of: path) {
                if field.hasPrefix("stories.") {
                    add(String(field.dropFirst("stories.".count)), to: &stories)
                } else if field.hasPrefix("attachments.") {
                    add(String(field.dropFirst("attachments.".count)), to: &attachments)
                } else if field.hasPrefix("subtasks.") {
                    // Subtasks are read with the task's own fields (they become tasks too).
                    continue
                } else if !["stories", "attachments", "subtasks"].contains(field) {
                    add(field, to: &task)
                }
            }
        }
        self.task = task
        self.stories = stories
        self.attachments = attachments
    }

    /// The dotted `opt_fields` one table path needs: filters dropped (`[*]`, `[name=X]`) with the
    /// field a filter tests added, and people expanded to their name and email.
    static func fields(of path: String) -> [String] {
        var segments: [String] = []
        var extra: [String] = []
        for raw in path.split(separator: ".", omittingEmptySubsequences: true) {
            var segment = String(raw)
            if let open = segment.firstIndex(of: "[") {
                let filter = segment[segment.index(after: open)...].prefix { $0 != "]" }
                segment = String(segment[..<open])
                let name = filter.prefix { $0 != "=" && $0 != "!" }
                if filter != "*", !name.isEmpty, !filter.allSatisfy(\.isNumber) {
                    extra.append((segments + [segment, String(name)]).joined(separator: "."))
                }
            }
            segments.append(segment)
        }
        var fields = [segments.joined(separator: ".")] + extra
        if let last = segments.last, people.contains(last) {
            fields.append(segments.joined(separator: ".") + ".name")
            fields.append(segments.joined(separator: ".") + ".email")
        }
        return fields
    }
}
