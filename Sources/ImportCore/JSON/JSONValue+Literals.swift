import Foundation

extension JSONValue: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByFloatLiteral,
    ExpressibleByBooleanLiteral, ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral
{
    /// A JSON string written as a literal.
    public init(stringLiteral value: String) { self = .string(value) }
    /// A JSON number written as an integer literal.
    public init(integerLiteral value: Int) { self = .number(Double(value)) }
    /// A JSON number written as a float literal.
    public init(floatLiteral value: Double) { self = .number(value) }
    /// A JSON boolean written as a literal.
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    /// A JSON array written as a literal.
    public init(arrayLiteral elements: JSONValue...) { self = .array(elements) }
    /// A JSON object written as a literal (a later duplicate key wins).
    public init(dictionaryLiteral elements: (String, JSONValue)...) {
        var members: [String: JSONValue] = [:]
        for (key, value) in elements { members[key] = value }
        self = .object(members)
    }
}
