import ImportCore

extension SQLValue {
    /// Text, or NULL.
    public init(_ text: String?) { self = text.map(SQLValue.text) ?? .null }
    /// An integer, or NULL.
    public init(_ number: Int64?) { self = number.map(SQLValue.integer) ?? .null }
    /// An integer, or NULL.
    public init(_ number: Int?) { self = number.map { .integer(Int64($0)) } ?? .null }
    /// A real, or NULL.
    public init(_ number: Double?) { self = number.map(SQLValue.real) ?? .null }
    /// 1 or 0.
    public init(_ flag: Bool) { self = .integer(flag ? 1 : 0) }
    /// A blob, or NULL.
    public init(_ bytes: [UInt8]?) { self = bytes.map(SQLValue.blob) ?? .null }
}
