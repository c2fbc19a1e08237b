/// The kinds of record a source record becomes: the task itself and the children it carries. One
/// type everywhere: mapping tables name their sections by it, queries say which children to bring,
/// destinations say which children a run keeps in sync.
public enum RecordKind: String, Sendable, Hashable, CaseIterable {
    case task, comment, worklog, attachment, checklist

    /// The kinds that hang off a task, in the order they are written.
    public static let childKinds: [RecordKind] = [.comment, .worklog, .attachment, .checklist]
}
