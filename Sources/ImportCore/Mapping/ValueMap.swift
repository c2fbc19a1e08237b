/// A lookup table from source values to target values: `done → Completed`. Matching ignores case
/// (unless `caseSensitive`) and surrounding spaces; several source values may map to one target.
/// An unmatched value gives `default` (or, with `passthrough`, itself; else null); a missing value
/// gives `whenMissing`, else `default`.
public struct ValueMap: Sendable, Hashable {
    public let cases: [(from: [String], to: JSONValue)]
    public let defaultValue: JSONValue?
    public let whenMissing: JSONValue?
    public let passthrough: Bool
    public let caseSensitive: Bool
    private let index: [String: JSONValue]

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

    public static func == (lhs: ValueMap, rhs: ValueMap) -> Bool {
        lhs.index == rhs.index && lhs.defaultValue == rhs.defaultValue && lhs.whenMissing == rhs.whenMissing
            && lhs.passthrough == rhs.passthrough && lhs.caseSensitive == rhs.caseSensitive
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(index)
        hasher.combine(defaultValue)
    }
}
