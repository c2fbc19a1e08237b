/// One checklist line of a task (Jira subtasks become these, at most 30 by default).
public struct CanonicalChecklistItem: Sendable, Hashable {
    /// Where the item comes from.
    public var ref: ExternalRef
    /// Its place in the list.
    public var position: Int
    /// Its text.
    public var title: String
    /// Whether it is done.
    public var done: Bool

    /// A checklist item.
    public init(ref: ExternalRef, position: Int, title: String, done: Bool) {
        self.ref = ref
        self.position = position
        self.title = title
        self.done = done
    }
}
