/// The rules that produce one kind of record.
public struct RecordMapping: Sendable {
    /// For child records: the paths of the arrays to map element by element, in order
    /// (`fields.comment.comments[*]`); more than one where a source keeps one kind of child in
    /// several places (ClickUp: subtasks and checklist items are both checklist entries).
    public let eachPaths: [SourcePath]
    /// The first of `eachPaths`: whether the mapping maps children at all, and the path shown for it.
    public var each: SourcePath? { eachPaths.first }
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
