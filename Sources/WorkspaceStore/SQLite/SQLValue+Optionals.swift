import ImportCore

extension SQLValue {
    public init(_ text: String?) { self = text.map(SQLValue.text) ?? .null }
    public init(_ number: Int64?) { self = number.map(SQLValue.integer) ?? .null }
    public init(_ number: Int?) { self = number.map { .integer(Int64($0)) } ?? .null }
    public init(_ number: Double?) { self = number.map(SQLValue.real) ?? .null }
    public init(_ flag: Bool) { self = .integer(flag ? 1 : 0) }
    public init(_ bytes: [UInt8]?) { self = bytes.map(SQLValue.blob) ?? .null }
}
