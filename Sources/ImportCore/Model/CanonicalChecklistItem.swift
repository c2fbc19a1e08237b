/// One checklist line of a task (Jira subtasks become these, at most 30 by default).
public struct CanonicalChecklistItem: Sendable, Hashable {
    public var ref: ExternalRef
    public var position: Int
    public var title: String
    public var done: Bool

    public init(ref: ExternalRef, position: Int, title: String, done: Bool) {
        self.ref = ref
        self.position = position
        self.title = title
        self.done = done
    }
}
