/// `{"when": condition, "value": v}`.
public struct ConditionalValue: Sendable {
    /// When the value applies.
    public let condition: Condition
    /// The value it gives.
    public let value: JSONValue
}
