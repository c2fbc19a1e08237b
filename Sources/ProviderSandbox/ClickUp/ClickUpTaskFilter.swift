/// What a `GET /list/{id}/task` asks for: ClickUp's query parameters, defaults as ClickUp has them
/// (subtasks and closed tasks excluded, ordered by creation, newest first).
struct ClickUpTaskFilter: Sendable {
    var archived = false
    var subtasks = false
    var includeClosed = false
    var orderBy = "created"
    var reverse = false
    /// `date_updated_gt`: ClickUp includes a task updated at exactly that millisecond (observed).
    var updatedAfter: Int64?
    /// `date_updated_lt`.
    var updatedBefore: Int64?
    var markdown = false
}
