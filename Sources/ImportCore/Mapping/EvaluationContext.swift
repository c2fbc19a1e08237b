/// What a rule sees while it is evaluated: the record, the current child item, parameters and the
/// custom field ids resolved for this source.
public struct EvaluationContext: Sendable {
    /// The whole record.
    public let root: JSONValue
    /// The child being mapped (the record itself for task rules).
    public let item: JSONValue
    /// The table's parameters with the config's overrides.
    public let params: [String: JSONValue]
    /// Custom field aliases resolved to this source's field ids.
    public let fieldIDs: [String: String]
    /// How the source's person objects read (the table's `people`).
    public let people: PeopleShape
    /// The enclosing element of a child mapped `within` another list (a changelog item's history).
    public let group: JSONValue?

    /// A context for one rule on `item` of the record `root`.
    public init(
        root: JSONValue, item: JSONValue, params: [String: JSONValue], fieldIDs: [String: String],
        people: PeopleShape = .common, group: JSONValue? = nil
    ) {
        self.root = root
        self.item = item
        self.params = params
        self.fieldIDs = fieldIDs
        self.people = people
        self.group = group
    }

    func read(_ path: SourcePath) -> JSONValue? {
        path.evaluate(item: item, root: root, fieldIDs: fieldIDs, group: group)
    }
}
