/// The kinds of record a source record becomes: the task itself and the children it carries. One
/// type everywhere: mapping tables name their sections by it, queries say which children to bring,
/// destinations say which children a run keeps in sync.
public enum RecordKind: String, Sendable, Hashable, CaseIterable {
    case task, comment, worklog, attachment, checklist, link, history

    /// The kinds that hang off a task, in the order they are written.
    public static let childKinds: [RecordKind] = [.comment, .worklog, .attachment, .checklist, .link, .history]

    /// The kinds every run keeps in sync whatever the config asks: they cost no requests of their own
    /// beyond the record's (checklist items, links, history).
    public static let alwaysManaged: Set<RecordKind> = [.checklist, .link, .history]
}
