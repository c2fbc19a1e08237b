/// One target field's rule: read, transform, map, or a conditional value; first match wins.
public struct FieldRule: Sendable {
    /// The target it writes (`title`, `assignees`).
    public let target: String
    /// Source paths; the first one with a value is used.
    public let from: [SourcePath]
    /// Only when this holds is the rule applied (else the target stays empty).
    public let guardCondition: Condition?
    /// Values chosen by conditions, tried in order before `from`.
    public let conditionalValues: [ConditionalValue]
    /// Transforms applied in order.
    public let transforms: [Transform]
    /// The value map applied after the transforms.
    public let map: ValueMap?
    /// What the rule gives when it finds nothing.
    public let defaultValue: JSONValue?
    /// Whether a record without a value fails.
    public let required: Bool
    /// The type the author declares the rule produces, checked against the target's.
    public let declaredType: FieldType?
    /// Where the rule is in the table (`task.fields[3]`), for messages.
    public let location: String
}
