/// One change in a work item's history: a field went from one value to another, at a time, by a
/// person (Jira's changelog items, Linear's issue history…).
struct WorkChange: Sendable, Hashable {
    /// The change's own id (one change may touch several fields in a source; here one field each).
    var id: Int
    /// `status`, `assignee`, `priority` or `Key`.
    var field: String
    /// The value before, as the field's index (status, priority, person) or text (key); `nil`: empty.
    var from: String?
    var to: String?
    var at: Int64
    var author: Int
}
