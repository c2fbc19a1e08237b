import Foundation

/// A number in a mapping table: written literally or named after a run parameter (`hoursPerStoryPoint`).
public enum NumberArgument: Sendable, Hashable, CustomStringConvertible {
    case literal(Double)
    case parameter(String)

    /// The number, or the parameter's name.
    public var description: String {
        switch self {
        case .literal(let value): return JSONValue.format(number: value)
        case .parameter(let name): return name
        }
    }

    func resolve(_ params: [String: JSONValue]) throws(TransformError) -> Double {
        switch self {
        case .literal(let value): return value
        case .parameter(let name):
            if let value = params[name]?.doubleValue { return value }
            if let text = params[name]?.stringValue, let value = Double(text) { return value }
            throw TransformError("parameter \"\(name)\" is not a number")
        }
    }
}
