import Foundation
import ImportCore
import Testing

@Suite("JSON parsing and writing")
struct JSONTests {
    @Test("parses every JSON type and writes sorted, compact text back")
    func roundTrip() throws {
        let text = #"{"b":[1,2.5,-3e2,true,false,null],"a":"x\"y\\z\n\u00e9\ud83d\ude00","c":{}}"#
        let value = try JSONParser.parse(text)
        #expect(value["a"]?.stringValue == "x\"y\\z\né😀")
        #expect(value["b"]?[2]?.doubleValue == -300)
        #expect(value.jsonText == #"{"a":"x\"y\\z\né😀","b":[1,2.5,-300,true,false,null],"c":{}}"#)
        #expect(try JSONParser.parse(value.jsonText) == value)
    }

    @Test(
        "rejects malformed documents with a position",
        arguments: [
            "", "{", "[1,]", "{\"a\" 1}", "tru", "01", "\"unterminated", "[1] 2", "{\"a\":1,}", "\"\u{01}\"",
        ])
    func malformed(_ text: String) {
        #expect(throws: JSONParseError.self) { _ = try JSONParser.parse(text) }
    }

    @Test("bounds nesting instead of overflowing the stack")
    func deepNesting() throws {
        let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        #expect(throws: JSONParseError.self) { _ = try JSONParser.parse(deep) }
        let fine = String(repeating: "[", count: 200) + String(repeating: "]", count: 200)
        _ = try JSONParser.parse(fine)
    }

    @Test("replaces invalid UTF-8 inside strings instead of failing the document")
    func invalidUTF8() throws {
        var bytes = Array(#"{"summary":"ok "#.utf8)
        bytes += [0xC3, 0x28, 0xFF]
        bytes += Array(#"","id":"1"}"#.utf8)
        let value = try JSONParser.parse(Data(bytes))
        #expect(value["id"]?.stringValue == "1")
        #expect(value["summary"]?.stringValue?.contains("\u{FFFD}") == true)
    }

    @Test("lone surrogate escapes become U+FFFD")
    func loneSurrogate() throws {
        #expect(try JSONParser.parse(#""\ud800x""#).stringValue == "\u{FFFD}x")
    }

    @Test("timestamps: Jira, ISO-8601, dates and epoch forms become ISO-8601 UTC")
    func timestamps() {
        #expect(Timestamp.parse("2024-01-15T10:20:30.123+0000")?.iso8601 == "2024-01-15T10:20:30.123Z")
        #expect(Timestamp.parse("2022-06-09T16:29:31.871-0700")?.iso8601 == "2022-06-09T23:29:31.871Z")
        #expect(Timestamp.parse("2011-12-15T15:35:06.000+1300")?.iso8601 == "2011-12-15T02:35:06.000Z")
        #expect(Timestamp.parse("2024-02-29T23:59:59Z")?.iso8601 == "2024-02-29T23:59:59.000Z")
        #expect(Timestamp.parse("2024-03-01T01:00:00.5+05:30")?.iso8601 == "2024-02-29T19:30:00.500Z")
        #expect(Timestamp.parse("2024-03-01")?.iso8601 == "2024-03-01T00:00:00.000Z")
        #expect(Timestamp.parse("1629300637036")?.iso8601 == "2021-08-18T15:30:37.036Z")
        #expect(Timestamp.parse("1700000000")?.iso8601 == "2023-11-14T22:13:20.000Z")
        #expect(Timestamp.parse("yesterday") == nil)
        #expect(Timestamp.parse("2024-13-01") == nil)
        let stamp = Timestamp.parse("2024-01-15T10:20:30.123Z")!
        #expect(stamp.jiraFormat() == "2024-01-15T10:20:30.123+0000")
        #expect(stamp.jiraFormat(offsetSeconds: 36_000) == "2024-01-15T20:20:30.123+1000")
        #expect(Timestamp.parse("1969-12-31T23:59:59.999Z")?.millisecondsSince1970 == -1)
    }
}
