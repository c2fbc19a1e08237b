import Foundation

/// Serialises `JSONValue` to JSON text. Keys are sorted, so equal values always give equal bytes:
/// content hashes, checkpoints and the sandbox's responses depend on that.
public struct JSONWriter {
    /// Whether to indent for people (two spaces) or stay compact for machines.
    public var pretty: Bool

    /// A writer, compact unless `pretty`.
    public init(pretty: Bool = false) { self.pretty = pretty }

    /// `value` as JSON text.
    public func string(_ value: JSONValue) -> String {
        String(decoding: bytes(value), as: UTF8.self)
    }

    /// `value` as JSON data.
    public func data(_ value: JSONValue) -> Data { Data(bytes(value)) }

    /// `value` as UTF-8 JSON bytes.
    public func bytes(_ value: JSONValue) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(256)
        write(value, into: &out, indent: 0)
        if pretty { out.append(0x0A) }
        return out
    }

    private func write(_ value: JSONValue, into out: inout [UInt8], indent: Int) {
        switch value {
        case .null: out.append(contentsOf: "null".utf8)
        case .bool(let flag): out.append(contentsOf: (flag ? "true" : "false").utf8)
        case .number(let number): JSONWriter.writeNumber(number, into: &out)
        case .string(let text): JSONWriter.writeString(text, into: &out)
        case .array(let elements):
            if elements.isEmpty {
                out.append(contentsOf: "[]".utf8)
                return
            }
            out.append(UInt8(ascii: "["))
            for (position, element) in elements.enumerated() {
                if position > 0 { out.append(UInt8(ascii: ",")) }
                newline(into: &out, indent: indent + 1)
                write(element, into: &out, indent: indent + 1)
            }
            newline(into: &out, indent: indent)
            out.append(UInt8(ascii: "]"))
        case .object(let members):
            if members.isEmpty {
                out.append(contentsOf: "{}".utf8)
                return
            }
            out.append(UInt8(ascii: "{"))
            for (position, key) in members.keys.sorted().enumerated() {
                if position > 0 { out.append(UInt8(ascii: ",")) }
                newline(into: &out, indent: indent + 1)
                JSONWriter.writeString(key, into: &out)
                out.append(UInt8(ascii: ":"))
                if pretty { out.append(UInt8(ascii: " ")) }
                write(members[key]!, into: &out, indent: indent + 1)
            }
            newline(into: &out, indent: indent)
            out.append(UInt8(ascii: "}"))
        }
    }

    private func newline(into out: inout [UInt8], indent: Int) {
        guard pretty else { return }
        out.append(0x0A)
        out.append(contentsOf: repeatElement(UInt8(ascii: " "), count: indent * 2))
    }

    static func writeNumber(_ number: Double, into out: inout [UInt8]) {
        guard number.isFinite else {
            out.append(contentsOf: "null".utf8)
            return
        }
        out.append(contentsOf: JSONValue.format(number: number).utf8)
    }

    /// Appends `text` as a JSON string literal, escaping quotes, backslashes and control characters.
    public static func writeString(_ text: String, into out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        var iterator = PeekingIterator(text.utf8.makeIterator())
        while let byte = iterator.next() {
            switch byte {
            case UInt8(ascii: "\""): out.append(contentsOf: [0x5C, 0x22])
            case UInt8(ascii: "\\"): out.append(contentsOf: [0x5C, 0x5C])
            case 0x0A: out.append(contentsOf: [0x5C, UInt8(ascii: "n")])
            case 0x0D: out.append(contentsOf: [0x5C, UInt8(ascii: "r")])
            case 0x09: out.append(contentsOf: [0x5C, UInt8(ascii: "t")])
            case 0x00..<0x20, 0x7F:
                let hex = Array("0123456789abcdef".utf8)
                out.append(contentsOf: [0x5C, UInt8(ascii: "u"), 0x30, 0x30, hex[Int(byte >> 4)], hex[Int(byte & 0xF)]])
            case 0xC2 where escapesC1(next: iterator.peek()):
                // U+0080–U+009F (C1 controls, which some terminals obey) as \u escapes: valid JSON, safe to print.
                let second = iterator.next() ?? 0x80
                let hex = Array("0123456789abcdef".utf8)
                out.append(contentsOf: [
                    0x5C, UInt8(ascii: "u"), 0x30, 0x30, hex[Int(second >> 4)], hex[Int(second & 0xF)],
                ])
            default: out.append(byte)
            }
        }
        out.append(UInt8(ascii: "\""))
    }
}

/// Whether the byte after a 0xC2 lead byte makes the scalar a C1 control (U+0080–U+009F).
private func escapesC1(next: UInt8?) -> Bool {
    guard let next else { return false }
    return next >= 0x80 && next <= 0x9F
}

/// An iterator over UTF-8 bytes that can look one byte ahead.
private struct PeekingIterator {
    private var base: String.UTF8View.Iterator
    private var buffered: UInt8?

    init(_ base: String.UTF8View.Iterator) { self.base = base }

    mutating func next() -> UInt8? {
        if let buffered {
            self.buffered = nil
            return buffered
        }
        return base.next()
    }

    mutating func peek() -> UInt8? {
        if buffered == nil { buffered = base.next() }
        return buffered
    }
}
