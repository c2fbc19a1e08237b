/// How a source record names itself, and where its children sit, as its mapping table declares it
/// (`"record": {"id": …, "label": …, "children": {…}}`): failures are reported under the label, and a
/// run that leaves a child kind out asks the source for none of its paths.
public struct RecordIdentity: Sendable {
    /// Paths to the record's immutable id, first found wins.
    public let id: [SourcePath]
    /// Paths to the name a person knows the record by (`key`, `identifier`), first found wins; the id
    /// when none is found.
    public let label: [SourcePath]
    /// For each child kind, the source path that holds its collection (`fields.comment`).
    public let childSources: [RecordKind: String]

    /// An identity.
    public init(id: [SourcePath], label: [SourcePath], childSources: [RecordKind: String]) {
        self.id = id
        self.label = label
        self.childSources = childSources
    }
}
