/// The two facts about raw HTTP/1.x bytes the loopback servers and clients read for themselves:
/// where a message's head ends, and an answer's status.
public enum HTTPWire {
    /// The offset of the blank line (`\r\n\r\n`) that ends a message's head, searched from `first`
    /// on (a reader that looked before passes where it stopped, less three bytes); `nil` if none yet.
    public static func headEnd(in bytes: [UInt8], from first: Int = 0) -> Int? {
        let start = max(0, first)
        guard bytes.count >= 4, start <= bytes.count - 4 else { return nil }
        for index in start...(bytes.count - 4)
        where bytes[index] == 13 && bytes[index + 1] == 10 && bytes[index + 2] == 13 && bytes[index + 3] == 10 {
            return index
        }
        return nil
    }

    /// The status of an answer that starts with `HTTP/1.x NNN`; `nil` for anything else.
    public static func status(of answer: [UInt8]) -> Int? {
        // "HTTP/1.x ", three digits, then a space, the line's end, or nothing yet.
        guard answer.count >= 12, answer.starts(with: Array("HTTP/1.".utf8)), answer[8] == 32 else { return nil }
        let digits = answer[9..<12]
        guard digits.allSatisfy({ (48...57).contains($0) }), digits.first != 48,
            answer.count == 12 || [32, 13].contains(answer[12])
        else { return nil }
        return digits.reduce(0) { $0 * 10 + Int($1 - 48) }
    }
}
