/// A lookup table from source values to target values: `done → Completed`. Matching ignores case
/// (unless `caseSensitive`) and surrounding spaces; several source values may map to one target.
/// An unmatched value gives `default` (or, with `passthrough`, itself; else null); a missing value
/// gives `whenMissing`, else `default`.
public struct ValueMap: Sendable, Hashable {
    /// Source values and the target each maps to, in the table's order.
    public let cases: [(from: [String], to: JSONValue)]
    /// What an unmatched value gives (`nil`: null).
    public let defaultValue: JSONValue?
    /// What a missing value gives (`nil`: the default).
    public let whenMissing: JSONValue?
    /// Whether an unmatched value passes through unchanged.
    public let passthrough: Bool
    /// Whether matching respects case.
    public let caseSensitive: Bool
    private let index: [String: JSONValue]

    /// A value map; duplicate source values keep their first target.
    public init(
        cases: [(from: [String], to: JSONValue)], defaultValue: JSONValue?, whenMissing: JSONValue? = nil,
        passthrough: Bool = false, caseSensitive: Bool = false
    ) {
        self.cases = cases
        self.defaultValue = defaultValue
        self.whenMissing = whenMissing
        self.passthrough = passthrough
        self.caseSensitive = caseSensitive
        var index: [String: JSONValue] = [:]
        for entry in cases {
            for key in entry.from {
                let normalized = ValueMap.normalize(key, caseSensitive: caseSensitive)
                if index[normalized] == nil { index[normalized] = entry.to }
            }
        }
        self.index = index
    }

    static func normalize(_ text: String, caseSensitive: Bool) -> String {
        let trimmed = text.trimmedWhitespace()
        if caseSensitive || !trimmed.utf8.contains(where: { $0 >= 0x41 && $0 <= 0x5A || $0 >= 0x80 }) {
            return trimmed
        }
        return trimmed.lowercased()
    }

    /// Whether the map always produces a value (so a required target is always filled).
    public var isTotal: Bool { defaultValue != nil && !(defaultValue?.isNull ?? true) }

    /// The target for `value`; lists map element by element.
    public func apply(_ value: JSONValue?) -> JSONValue? {
        guard let value, !value.isNull else { return whenMissing ?? defaultValue }
        if case .array(let elements) = value {
            return .array(elements.compactMap { apply($0) })
        }
        guard let key = value.scalarText else { return defaultValue }
        if let mapped = index[ValueMap.normalize(key, caseSensitive: caseSensitive)] { return mapped }
        if passthrough { return value }
        return defaultValue
    }

    /// Two maps are equal when they map the same way.
    public static func == (lhs: ValueMap, rhs: ValueMap) -> Bool {
        lhs.index == rhs.index && lhs.defaultValue == rhs.defaultValue && lhs.whenMissing == rhs.whenMissing
            && lhs.passthrough == rhs.passthrough && lhs.caseSensitive == rhs.caseSensitive
    }

    /// Hashes what the map does.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(index)
        hasher.combine(defaultValue)
    }
}
