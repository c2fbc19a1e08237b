import Foundation

/// An instant with millisecond precision, parsed from the many ways sources write time and always
/// written back as ISO-8601 UTC (`2024-01-15T10:20:30.123Z`), the one form the workspace stores.
public struct Timestamp: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// Milliseconds since 1970-01-01T00:00:00Z.
    public let millisecondsSince1970: Int64

    /// The instant `millisecondsSince1970` after the Unix epoch.
    public init(millisecondsSince1970: Int64) { self.millisecondsSince1970 = millisecondsSince1970 }

    /// The instant of `date`, to the millisecond.
    public init(_ date: Date) {
        self.millisecondsSince1970 = Int64((date.timeIntervalSince1970 * 1000).rounded())
    }

    /// This instant.
    public static func now() -> Timestamp { Timestamp(Date()) }

    /// The instant as a `Date`.
    public var date: Date { Date(timeIntervalSince1970: Double(millisecondsSince1970) / 1000) }

    /// Earlier instants first.
    public static func < (lhs: Timestamp, rhs: Timestamp) -> Bool {
        lhs.millisecondsSince1970 < rhs.millisecondsSince1970
    }

    /// The instant `milliseconds` later (earlier when negative).
    public func adding(milliseconds: Int64) -> Timestamp {
        Timestamp(millisecondsSince1970: millisecondsSince1970 + milliseconds)
    }

    /// ISO-8601 in UTC with milliseconds: `2024-01-15T10:20:30.123Z`.
    public var iso8601: String {
        let parts = CivilTime(millisecondsSince1970: millisecondsSince1970, offsetSeconds: 0)
        return parts.format(fraction: true) + "Z"
    }

    /// ISO-8601 in UTC with milliseconds.
    public var description: String { iso8601 }

    /// Jira's wire format in a given offset: `2024-01-15T10:20:30.123+0000`.
    public func jiraFormat(offsetSeconds: Int = 0) -> String {
        let parts = CivilTime(millisecondsSince1970: millisecondsSince1970, offsetSeconds: offsetSeconds)
        let sign = offsetSeconds < 0 ? "-" : "+"
        let magnitude = abs(offsetSeconds)
        return parts.format(fraction: true) + sign + pad(magnitude / 3600, 2) + pad(magnitude % 3600 / 60, 2)
    }

    /// Whether `text` is exactly the stored form: `yyyy-MM-ddTHH:mm:ss.SSSZ` (or a bare `yyyy-MM-dd`)
    /// of a valid instant.
    public static func isCanonical(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        let shape = bytes.count == 10 ? Array("dddd-dd-dd".utf8) : Array("dddd-dd-ddTdd:dd:dd.dddZ".utf8)
        guard bytes.count == shape.count else { return false }
        for (byte, expected) in zip(bytes, shape) {
            if expected == UInt8(ascii: "d") {
                guard byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") else { return false }
            } else if byte != expected {
                return false
            }
        }
        guard let stamp = parse(text) else { return false }
        // Out-of-range fields (a 30 February, a 60th second) parse but do not round-trip.
        func number(_ range: Range<Int>) -> Int { bytes[range].reduce(0) { $0 * 10 + Int($1 - UInt8(ascii: "0")) } }
        let civil = CivilTime(millisecondsSince1970: stamp.millisecondsSince1970, offsetSeconds: 0)
        guard civil.year == number(0..<4), civil.month == number(5..<7), civil.day == number(8..<10) else {
            return false
        }
        if bytes.count == 10 { return true }
        return civil.hour == number(11..<13) && civil.minute == number(14..<16) && civil.second == number(17..<19)
    }

    /// Parses the timestamp forms sources use:
    /// ISO-8601 / RFC 3339 with `Z`, `+hh:mm` or `+hhmm` offsets and optional fractions (Jira, Asana, Linear),
    /// a bare date `yyyy-MM-dd` (midnight UTC), `yyyy-MM-dd HH:mm` (UTC), and epoch milliseconds or seconds
    /// as digits (ClickUp). Returns `nil` for anything else.
    public static func parse(_ text: String) -> Timestamp? {
        let bytes = Array(text.utf8)
        if bytes.isEmpty { return nil }
        if bytes.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) {
            guard bytes.count <= 16, let value = Int64(text) else { return nil }
            // Ten or fewer digits are seconds (until the year 2286); more are milliseconds.
            return Timestamp(millisecondsSince1970: bytes.count <= 10 ? value * 1000 : value)
        }
        var reader = ByteReader(bytes: bytes)
        guard let year = reader.digits(4), reader.skip("-"), let month = reader.digits(2), reader.skip("-"),
            let day = reader.digits(2), (1...12).contains(month), (1...31).contains(day)
        else { return nil }
        var hour = 0
        var minute = 0
        var second = 0
        var millis = 0
        var offset = 0
        if !reader.atEnd {
            guard reader.skip("T") || reader.skip(" ") || reader.skip("t") else { return nil }
            guard let h = reader.digits(2), reader.skip(":"), let m = reader.digits(2) else { return nil }
            hour = h
            minute = m
            if reader.skip(":") {
                guard let s = reader.digits(2) else { return nil }
                second = s
                if reader.skip(".") || reader.skip(",") {
                    var scale = 100
                    var any = false
                    while let digit = reader.digit() {
                        any = true
                        millis += digit * scale
                        scale /= 10
                    }
                    if !any { return nil }
                }
            }
            guard hour < 24, minute < 60, second < 61 else { return nil }
            if reader.skip("Z") || reader.skip("z") {
                offset = 0
            } else if let sign = reader.sign() {
                guard let oh = reader.digits(2) else { return nil }
                _ = reader.skip(":")
                let om = reader.digits(2) ?? 0
                offset = sign * (oh * 3600 + om * 60)
            }
            guard reader.atEnd else { return nil }
        }
        let days = CivilTime.daysFromCivil(year: year, month: month, day: day)
        let seconds = Int64(days) * 86_400 + Int64(hour * 3600 + minute * 60 + second) - Int64(offset)
        return Timestamp(millisecondsSince1970: seconds * 1000 + Int64(millis))
    }
}

private struct ByteReader {
    let bytes: [UInt8]
    var index = 0

    var atEnd: Bool { index >= bytes.count }

    mutating func digit() -> Int? {
        guard index < bytes.count, bytes[index] >= 0x30, bytes[index] <= 0x39 else { return nil }
        defer { index += 1 }
        return Int(bytes[index] - 0x30)
    }

    mutating func digits(_ count: Int) -> Int? {
        var value = 0
        for _ in 0..<count {
            guard let digit = digit() else { return nil }
            value = value * 10 + digit
        }
        return value
    }

    mutating func skip(_ character: Character) -> Bool {
        guard index < bytes.count, let ascii = character.asciiValue, bytes[index] == ascii else { return false }
        index += 1
        return true
    }

    mutating func sign() -> Int? {
        if skip("+") { return 1 }
        if skip("-") { return -1 }
        return nil
    }
}
