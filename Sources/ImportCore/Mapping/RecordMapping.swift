/// The rules that produce one kind of record.
public struct RecordMapping: Sendable {
    /// For child records: the path of the array to map element by element (`fields.comment.comments[*]`).
    public let each: SourcePath?
    /// Only the elements for which this holds (Asana stories that are comments).
    public let filter: Condition?
    /// At most this many child records (checklist items: 30), counted after `filter`.
    public let limit: NumberArgument?
    /// The rules, in the table's order.
    public let rules: [FieldRule]
}
