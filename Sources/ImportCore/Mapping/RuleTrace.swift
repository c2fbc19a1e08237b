/// One rule's input and output, for `tributary preview`.
public struct RuleTrace: Sendable, Hashable {
    public let kind: RecordKind
    public let location: String
    public let target: String
    /// The paths read (`fields.status.statusCategory.key`).
    public let source: String
    /// The raw value found at the source, or `nil`.
    public let input: JSONValue?
    public let output: JSONValue?
}
