import ImportCore

extension SQLValue {
    /// The value as a short text for people (dry-run diffs).
    var displayText: String? {
        switch self {
        case .null: return nil
        case .integer(let number): return String(number)
        case .real(let number): return JSONValue.format(number: number)
        case .text(let text): return text
        case .blob(let bytes): return "<\(bytes.count) bytes>"
        }
    }
}
