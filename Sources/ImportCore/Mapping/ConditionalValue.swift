/// `{"when": condition, "value": v}`.
public struct ConditionalValue: Sendable {
    public let condition: Condition
    public let value: JSONValue
}
