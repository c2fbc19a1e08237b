import ImportCore

/// A value bound to, or read from, an SQLite statement.
public enum SQLValue: Sendable, Hashable {
    case null
    case integer(Int64)
    case real(Double)
    case text(String)
    case blob([UInt8])

    /// The text, when this is text.
    public var stringValue: String? {
        switch self {
        case .text(let text): return text
        case .integer(let number): return String(number)
        case .real(let number): return String(number)
        case .null, .blob: return nil
        }
    }

    /// The integer, when this is one.
    public var int64Value: Int64? {
        switch self {
        case .integer(let number): return number
        case .real(let number): return Int64(number)
        case .text(let text): return Int64(text)
        case .null, .blob: return nil
        }
    }

    /// The integer, when this is one.
    public var intValue: Int? { int64Value.map { Int($0) } }

    /// The number, when this is a real or an integer.
    public var doubleValue: Double? {
        switch self {
        case .real(let number): return number
        case .integer(let number): return Double(number)
        case .text(let text): return Double(text)
        case .null, .blob: return nil
        }
    }

    /// The bytes, when this is a blob.
    public var blobValue: [UInt8]? {
        if case .blob(let bytes) = self { return bytes }
        return nil
    }

    /// Whether this is NULL.
    public var isNull: Bool {
        if case .null = self { return true }
        return false
    }
}
