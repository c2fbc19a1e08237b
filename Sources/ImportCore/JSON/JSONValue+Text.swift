import Foundation

extension JSONValue {
    /// Compact JSON text with sorted keys.
    public var jsonText: String { JSONWriter().string(self) }
}
