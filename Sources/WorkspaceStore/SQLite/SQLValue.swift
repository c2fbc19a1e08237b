import ImportCore

/// A value bound to, or read from, an SQLite statement.
public enum SQLValue: Sendable, Hashable {
    case null
    case integer(Int64)
    case real(Double)
    case text(String)
    case blob([UInt8])

    public var stringValue: String? {
        switch self {
        case .text(let text): return text
        case .integer(let number): return String(number)
        case .real(let number): return String(number)
        case .null, .blob: return nil
        }
    }

    public var int64Value: Int64? {
        switch self {
        case .integer(let number): return number
        case .real(let number): return Int64(number)
        case .text(let text): return Int64(text)
        case .null, .blob: return nil
        }
    }

    public var intValue: Int? { int64Value.map { Int($0) } }

    public var doubleValue: Double? {
        switch self {
        case .real(let number): return number
        case .integer(let number): return Double(number)
        case .text(let text): return Double(text)
        case .null, .blob: return nil
        }
    }

    public var blobValue: [UInt8]? {
        if case .blob(let bytes) = self { return bytes }
        return nil
    }

    public var isNull: Bool {
        if case .null = self { return true }
        return false
    }
}

extension SQLValue: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByNilLiteral,
    ExpressibleByFloatLiteral
{
    public init(stringLiteral value: String) { self = .text(value) }
    public init(integerLiteral value: Int64) { self = .integer(value) }
    public init(floatLiteral value: Double) { self = .real(value) }
    public init(nilLiteral: ()) { self = .null }
}

extension SQLValue {
    public init(_ text: String?) { self = text.map(SQLValue.text) ?? .null }
    public init(_ number: Int64?) { self = number.map(SQLValue.integer) ?? .null }
    public init(_ number: Int?) { self = number.map { .integer(Int64($0)) } ?? .null }
    public init(_ number: Double?) { self = number.map(SQLValue.real) ?? .null }
    public init(_ flag: Bool) { self = .integer(flag ? 1 : 0) }
    public init(_ bytes: [UInt8]?) { self = bytes.map(SQLValue.blob) ?? .null }
}
