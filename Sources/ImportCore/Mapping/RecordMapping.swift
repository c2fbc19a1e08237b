/// The rules that produce one kind of record.
public struct RecordMapping: Sendable {
    /// For child records: the path of the array to map element by element (`fields.comment.comments[*]`).
    public let each: SourcePath?
    /// For children nested two lists deep (a changelog's histories, each with items): the outer list;
    /// `each` is then read in each of its elements, and `~` paths read the element itself.
    public var within: SourcePath? = nil
    /// Only the elements for which this holds (Asana stories that are comments).
    public let filter: Condition?
    /// At most this many child records (checklist items: 30), counted after `filter`.
    public let limit: NumberArgument?
    /// The rules, in the table's order.
    public let rules: [FieldRule]
}
