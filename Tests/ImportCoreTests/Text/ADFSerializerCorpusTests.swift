import Foundation
import ImportCore
import Testing

/// The ADF corpus held against Atlassian's own plain-text serializer: one case for each case of the
/// `TextSerializer` tests of Atlassian's renderer (`@atlaskit/renderer`, `src/__tests__/unit/text`),
/// rewritten here with our own documents. Each case gives what Atlassian's serializer writes for such
/// a document and, where the flattener follows a convention of its own (docs/MAPPING.md, "Rich text"),
/// what it writes instead and which convention that is.
@Suite("ADF against Atlassian's plain-text serializer")
struct ADFSerializerCorpusTests {
    struct Case: Sendable, CustomStringConvertible {
        let name: String
        /// The document's `content`, as JSON.
        let content: String
        /// What Atlassian's serializer writes.
        let atlassian: String
        /// What the flattener writes when a documented convention differs, and that convention.
        var ours: (text: String, convention: String)?
        var description: String { name }
    }

    static func paragraph(_ inline: String) -> String { #"{"type":"paragraph","content":[\#(inline)]}"# }
    static func text(_ value: String) -> String { #"{"type":"text","text":"\#(value)"}"# }
    static func media(_ type: String, _ id: String) -> String {
        #"{"type":"media","attrs":{"type":"\#(type)","id":"\#(id)","collection":"site-files"}}"#
    }

    static let cases: [Case] = [
        Case(
            name: "a hard break is a new line",
            content: paragraph(text("Gate A") + #",{"type":"hardBreak"},"# + text("Gate B")),
            atlassian: "Gate A\nGate B"),
        Case(
            name: "several hard breaks make one line break",
            content: paragraph(
                text("Gate A") + #",{"type":"hardBreak"},{"type":"hardBreak"},{"type":"hardBreak"},"# + text("Gate B")),
            atlassian: "Gate A\nGate B",
            ours: ("Gate A\n\n\nGate B", "every hard break is kept: the blank lines a writer made stay")),
        Case(
            name: "unicode emoji in text", content: paragraph(text("🚲") + "," + text("rides at noon")),
            atlassian: "🚲rides at noon"),
        Case(
            name: "emoji nodes read their text: the character, or the short name of a custom one",
            content: paragraph(
                text("Reactions")
                    + #",{"type":"emoji","attrs":{"shortName":":thumbsup:","id":"1f44d","text":"👍"}},"#
                    + #"{"type":"emoji","attrs":{"shortName":":ship-it:","id":"site-ship-it","text":":ship-it:"}}"#),
            atlassian: "Reactions👍:ship-it:"),
        Case(
            name: "a mention reads its text",
            content: paragraph(#"{"type":"mention","attrs":{"id":"acc-7","text":"@Ines"}},"# + text(" approved")),
            atlassian: "@Ines approved"),
        Case(
            name: "a file in a media group",
            content: #"{"type":"mediaGroup","content":[\#(media("file", "f-1"))]}"#, atlassian: "📎 1 File",
            ours: ("[attachment]", "media read `[attachment: name]`, one placeholder per file")),
        Case(
            name: "two files in a media group",
            content: #"{"type":"mediaGroup","content":[\#(media("file", "f-1")),\#(media("file", "f-2"))]}"#,
            atlassian: "📎 2 Files",
            ours: ("[attachment]\n[attachment]", "media read `[attachment: name]`, one placeholder per file")),
        Case(
            name: "link cards in a media group are not files",
            content:
                #"{"type":"mediaGroup","content":[\#(media("file", "f-1")),\#(media("link", "l-1")),\#(media("file", "f-2"))]}"#,
            atlassian: "📎 2 Files",
            ours: ("[attachment]\n[attachment]", "media read `[attachment: name]`, one placeholder per file")),
        Case(
            name: "a link whose text is its address reads once",
            content: paragraph(
                #"{"type":"text","text":"https://ferry.example.test","marks":[{"type":"link","attrs":{"href":"https://ferry.example.test"}}]},"#
                    + text(" has the timetable")),
            atlassian: "https://ferry.example.test has the timetable"),
        Case(
            name: "a link with other text",
            content: paragraph(
                #"{"type":"text","text":"Timetable","marks":[{"type":"link","attrs":{"href":"https://ferry.example.test"}}]},"#
                    + text(" is up")),
            atlassian: "Timetable is up",
            ours: ("Timetable (https://ferry.example.test) is up", "links read `text (url)`: the address is not lost")),
        Case(
            name: "a quote's lines start with '> '",
            content: #"{"type":"blockquote","content":[\#(paragraph(text("Mind the gap")))]}"#,
            atlassian: "> Mind the gap"),
        Case(
            name: "a code block's text as it is",
            content: #"{"type":"codeBlock","content":[\#(text("make ")),\#(text("release"))]}"#,
            atlassian: "make release"),
        Case(
            name: "blocks are divided",
            content: paragraph(text("Dock")) + "," + paragraph(text("Depart")), atlassian: "Dock\nDepart",
            ours: ("Dock\n\nDepart", "blocks are separated by a blank line")),
        Case(
            name: "a link card among paragraphs leaves no trace",
            content: paragraph(text("Dock")) + #",{"type":"mediaGroup","content":[\#(media("link", "l-1"))]},"#
                + paragraph(text("Depart")),
            atlassian: "Dock\nDepart", ours: ("Dock\n\nDepart", "blocks are separated by a blank line")),
        Case(
            name: "bullet lists",
            content:
                #"{"type":"bulletList","content":[{"type":"listItem","content":[\#(paragraph(text("oars")))]},{"type":"listItem","content":[\#(paragraph(text("vests")))]}]}"#,
            atlassian: "* oars\n* vests", ours: ("- oars\n- vests", "bullets read `- `, as Markdown and HTML items do")),
        Case(
            name: "ordered lists",
            content:
                #"{"type":"orderedList","content":[{"type":"listItem","content":[\#(paragraph(text("board")))]},{"type":"listItem","content":[\#(paragraph(text("sail")))]}]}"#,
            atlassian: "1. board\n2. sail"),
        Case(
            name: "headings of every level read as their text",
            content: (1...6).map { #"{"type":"heading","attrs":{"level":\#($0)},"content":[\#(text("Level \($0)"))]}"# }
                .joined(separator: ","),
            atlassian: "Level 1\nLevel 2\nLevel 3\nLevel 4\nLevel 5\nLevel 6",
            ours: (
                "Level 1\n\nLevel 2\n\nLevel 3\n\nLevel 4\n\nLevel 5\n\nLevel 6", "blocks are separated by a blank line"
            )),
        Case(
            name: "a rule",
            content: paragraph(text("Dock")) + #",{"type":"rule"},"# + paragraph(text("Depart")),
            atlassian: "Dock\nDepart",
            ours: ("Dock\n\n---\n\nDepart", "a rule reads `---`")),
        Case(
            name: "a panel",
            content:
                #"{"type":"panel","attrs":{"panelType":"warning"},"content":[\#(paragraph(text("High tide at six")))]}"#,
            atlassian: "High tide at six", ours: ("[warning] High tide at six", "a panel reads its type in brackets")),
        Case(
            name: "a table",
            content: #"""
                {"type":"table","content":[
                  {"type":"tableRow","content":[{"type":"tableHeader","attrs":{"colspan":2},"content":[\#(paragraph(text("Pier")))]},{"type":"tableHeader","content":[\#(paragraph(text("Berths")))]}]},
                  {"type":"tableRow","content":[{"type":"tableCell","content":[\#(paragraph(text("North")))]},{"type":"tableCell","content":[\#(paragraph(text("12")))]}]}]}
                """#,
            atlassian: "|Pier|Berths|\n|North|12|",
            ours: ("Pier | Berths\nNorth | 12", "a table row is one line, cells joined by ` | `")),
        Case(
            name: "an empty paragraph leaves nothing",
            content: paragraph(text("Dock")) + #",{"type":"paragraph","content":[]},"# + paragraph(text("Depart")),
            atlassian: "Dock\nDepart", ours: ("Dock\n\nDepart", "blocks are separated by a blank line")),
        Case(
            name: "an unsupported node without content reads its type",
            content: #"{"type":"bodiedExtension"}"#, atlassian: "[bodiedExtension]"),
        Case(
            name: "a mention glued to the next word gets a space",
            content: paragraph(#"{"type":"mention","attrs":{"id":"acc-7","text":"@Ines"}},"# + text("signs off")),
            atlassian: "@Ines signs off"),
        Case(
            name: "text nodes are not spaced",
            content: paragraph(text("Sea") + "," + text("side")), atlassian: "Seaside"),
        Case(
            name: "a task",
            content: #"""
                {"type":"taskList","attrs":{"localId":"tl"},"content":[{"type":"taskItem","attrs":{"localId":"t1","state":"TODO"},"content":[
                  \#(text("Book the ferry for ")),{"type":"mention","attrs":{"id":"acc-7","text":"@Ines"}},\#(text(" ")),
                  {"type":"emoji","attrs":{"shortName":":ship:","id":"1f6a2","text":"🚢"}}]}]}
                """#,
            atlassian: "[] Book the ferry for @Ines 🚢",
            ours: (
                "[ ] Book the ferry for @Ines 🚢", "a task reads `[ ]` (open) or `[x]` (done), as Markdown checkboxes"
            )),
        Case(
            name: "a decision",
            content:
                #"{"type":"decisionList","attrs":{"localId":"dl"},"content":[{"type":"decisionItem","attrs":{"localId":"d1","state":"DECIDED"},"content":[\#(text("We sail on Friday "))]}]}"#,
            atlassian: "<> We sail on Friday", ours: ("◆ We sail on Friday", "a decision reads `◆ `")),
    ]

    @Test("each case reads as Atlassian's serializer writes it, or as the convention it names", arguments: cases)
    func corpus(_ sample: Case) throws {
        let document = try JSONParser.parse(Data(#"{"type":"doc","version":1,"content":[\#(sample.content)]}"#.utf8))
        #expect(try ADFText.plainText(document) == sample.ours?.text ?? sample.atlassian)
    }

    @Test("how many cases read exactly as Atlassian's serializer")
    func agreement() {
        let exact = Self.cases.filter { $0.ours == nil }.count
        #expect(exact == 11)
        #expect(Self.cases.count == 26)
    }
}
