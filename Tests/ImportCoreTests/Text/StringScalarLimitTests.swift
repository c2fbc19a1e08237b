import ImportCore
import Testing

/// Cutting text to a number of Unicode scalars (what a database counts) on character boundaries.
@Suite("String.prefix(scalars:)")
struct StringScalarLimitTests {
    @Test(
        "keeps whole characters within the scalar limit",
        arguments: [
            ("abc", 5, "abc"), ("abcdef", 3, "abc"), ("ab👍🏽c", 3, "ab"), ("ab👍🏽c", 4, "ab👍🏽"),
            ("e\u{301}e\u{301}", 3, "e\u{301}"), ("🇩🇪🇫🇷", 2, "🇩🇪"), ("🇩🇪🇫🇷", 3, "🇩🇪"), ("x", 0, ""), ("", 4, ""),
        ])
    func cut(_ text: String, _ limit: Int, _ expected: String) {
        let cut = text.prefix(scalars: limit)
        #expect(cut == expected)
        #expect(cut.unicodeScalars.count <= limit)
    }
}
