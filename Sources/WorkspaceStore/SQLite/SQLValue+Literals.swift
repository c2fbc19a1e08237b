import ImportCore

extension SQLValue: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByNilLiteral,
    ExpressibleByFloatLiteral
{
    /// Text written as a literal.
    public init(stringLiteral value: String) { self = .text(value) }
    /// An integer written as a literal.
    public init(integerLiteral value: Int64) { self = .integer(value) }
    /// A real written as a literal.
    public init(floatLiteral value: Double) { self = .real(value) }
    /// NULL written as `nil`.
    public init(nilLiteral: ()) { self = .null }
}
