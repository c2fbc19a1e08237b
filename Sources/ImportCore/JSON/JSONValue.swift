import Foundation

/// A JSON document as a value: what providers hand over as raw records and what mapping tables read.
///
/// Numbers are kept as `Double` (every integer a source sends as a JSON number is below 2^53);
/// ids that sources send as strings stay strings.
public enum JSONValue: Sendable, Hashable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])
}
