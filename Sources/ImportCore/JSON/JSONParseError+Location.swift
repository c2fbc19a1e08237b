import Foundation

extension JSONParseError {
    /// Where the problem is in `data` as a person finds it in an editor: line and column (both from
    /// 1; columns count characters, not bytes).
    public func location(in data: Data) -> (line: Int, column: Int) {
        let end = min(max(offset, 0), data.count)
        let before = data.prefix(end)
        let line = before.reduce(1) { $1 == UInt8(ascii: "\n") ? $0 + 1 : $0 }
        let lineStart = before.lastIndex(of: UInt8(ascii: "\n")).map { data.index(after: $0) } ?? data.startIndex
        let column = String(decoding: data[lineStart..<end], as: UTF8.self).count + 1
        return (line, column)
    }

    /// `line L, column C: message`, for files people edit.
    public func described(in data: Data) -> String {
        let (line, column) = location(in: data)
        return "invalid JSON at line \(line), column \(column): \(message)"
    }
}
