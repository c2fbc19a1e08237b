/// One rule's input and output, for `tributary preview`.
public struct RuleTrace: Sendable, Hashable {
    /// The kind of record the rule belongs to.
    public let kind: RecordKind
    /// The rule's place in the table (`task.fields[3]`).
    public let location: String
    /// The target it writes.
    public let target: String
    /// The paths read (`fields.status.statusCategory.key`).
    public let source: String
    /// The raw value found at the source, or `nil`.
    public let input: JSONValue?
    /// What it produced (`nil`: nothing).
    public let output: JSONValue?
}
