import Foundation

extension JSONValue {
    /// Wraps an optional string: `nil` becomes `.null`.
    public init(_ text: String?) { self = text.map(JSONValue.string) ?? .null }
    /// Wraps an optional number: `nil` becomes `.null`.
    public init(_ number: Double?) { self = number.map(JSONValue.number) ?? .null }
    /// Wraps an optional integer: `nil` becomes `.null`.
    public init(_ number: Int?) { self = number.map { .number(Double($0)) } ?? .null }
}
