import Foundation
import ImportCore
import ProviderSandbox
import Testing

/// The rich-text flatteners are total: any input, however malformed or deep, gives text or (ADF) a
/// clear per-record error, never a crash or a hang. Fixed seeds, so a failure reproduces.
@Suite("Rich-text flatteners under fuzz")
struct TextFuzzTests {
    static let iterations = 1000

    @Test("Markdown: random mixes of its syntax, unbalanced and deep, always flatten")
    func markdown() {
        var random = SeededRandom(seed: 2201)
        let tokens = [
            "#", "## ", "**", "*", "_", "__", "`", "```", "~~~", "[", "]", "(", ")", "![", "<", ">", "- ", "* ",
            "1. ", "- [ ] ", "- [x] ", "\n", "\n\n", "    ", "\t", "\\", "&amp;", "&#x1F600;", "|", "---", "===",
            "https://example.test/a?b=(c)", "word", "é", "😀", "\u{0}", "\r\n", "> > >", "[x]: /url",
        ]
        var longest = 0
        for _ in 0..<Self.iterations {
            let text = (0..<random.below(60)).map { _ in random.pick(tokens) }.joined()
            let flat = MarkdownText.plainText(text)
            longest = max(longest, flat.count)
            #expect(flat.utf8.count <= text.utf8.count * 4 + 64, "no blow-up")
        }
        let deep = String(repeating: "> - **[", count: 5000) + "x" + String(repeating: "](u)**", count: 5000)
        _ = MarkdownText.plainText(deep)
        #expect(longest > 0)
    }

    @Test("Jira wiki markup: random mixes of its notation, unclosed and deep, always flatten")
    func wiki() {
        var random = SeededRandom(seed: 2204)
        let tokens = [
            "h1. ", "h7. ", "*", "_", "-", "+", "^", "~", "??", "{{", "}}", "{code}", "{code:java}", "{noformat}",
            "{quote}", "{color:red}", "{color}", "{panel:title=T|x=y}", "{panel}", "[", "]", "|", "||", "[~", "[^",
            "!", "# ", "## ", "* ", "*# ", "- ", "----", "bq. ", "\\", "\\\\", "\n", "\r\n", "word", "é", "😀",
            "\u{0}", "https://x.test/a|b", " ", "{", "}",
        ]
        for _ in 0..<Self.iterations {
            let text = (0..<random.below(60)).map { _ in random.pick(tokens) }.joined()
            let flat = WikiText.plainText(text)
            #expect(flat.utf8.count <= text.utf8.count * 4 + 64, "no blow-up")
        }
        _ = WikiText.plainText(String(repeating: "[{{*_", count: 20_000))
        _ = WikiText.plainText(String(repeating: "{code}\n", count: 5000))
    }

    @Test("HTML: random tags, attributes, entities and nesting, unclosed and deep, always flatten")
    func html() {
        var random = SeededRandom(seed: 2202)
        let tokens = [
            "<body>", "</body>", "<p>", "</p>", "<strong>", "</strong>", "<em>", "<u>", "<s>", "<code>", "<pre>",
            "<ul>", "</ul>", "<ol>", "</ol>", "<li>", "</li>", "<a href=\"https://x.test/?a=1&b=2\">", "</a>",
            "<a data-asana-gid=\"1\" data-asana-type=\"user\">", "<br>", "<br/>", "<hr>", "<h1>", "</h1>",
            "<blockquote>",
            "<img src=\"x\" alt=\"y\">", "<script>", "</script>", "<!--", "-->", "<", ">", "&lt;", "&gt;", "&amp;",
            "&#x1F600;", "&#99999999;", "&bogus;", "text", " ", "\n", "é", "😀", "\u{0}", "<table><tr><td>", "</td>",
        ]
        for _ in 0..<Self.iterations {
            let text = (0..<random.below(60)).map { _ in random.pick(tokens) }.joined()
            let flat = HTMLText.plainText(text)
            #expect(flat.utf8.count <= text.utf8.count * 4 + 64, "no blow-up")
        }
        _ = HTMLText.plainText(String(repeating: "<ul><li>", count: 5000) + "x")
    }

    @Test("ADF: random trees of every node type, wrong shapes and attributes: text or a clear error")
    func adf() {
        var random = SeededRandom(seed: 2203)
        let types = [
            "doc", "paragraph", "text", "heading", "bulletList", "orderedList", "listItem", "codeBlock", "blockquote",
            "rule", "hardBreak", "mention", "emoji", "inlineCard", "blockCard", "embedCard", "mediaSingle",
            "mediaGroup", "mediaInline", "media", "table", "tableRow", "tableHeader", "tableCell", "panel", "expand",
            "nestedExpand", "taskList", "taskItem", "decisionList", "decisionItem", "date", "status", "placeholder",
            "extension", "bodiedExtension", "inlineExtension", "multiBodiedExtension", "extensionFrame", "zzz",
        ]
        func value(_ depth: Int) -> JSONValue {
            switch random.below(8) {
            case 0: return .null
            case 1: return .number(Double(random.below(1000)) - 500.5)
            case 2: return .string(random.pick(["", "x", "😀", "@", "DONE", "TODO", "2024-01-01"]))
            case 3: return .bool(random.chance(0.5))
            case 4: return .array(depth > 4 ? [] : (0..<random.below(3)).map { _ in node(depth + 1) })
            default: return depth > 4 ? .null : node(depth + 1)
            }
        }
        func node(_ depth: Int) -> JSONValue {
            var object: [String: JSONValue] = ["type": .string(random.pick(types))]
            if random.chance(0.8) { object["content"] = value(depth) }
            if random.chance(0.5) { object["text"] = value(depth) }
            if random.chance(0.5) {
                object["attrs"] = [
                    "order": value(depth), "state": value(depth), "text": value(depth), "url": value(depth),
                    "extensionKey": value(depth), "timestamp": value(depth), "panelType": value(depth),
                ]
            }
            if random.chance(0.3) { object["marks"] = .array([["type": "link", "attrs": ["href": value(depth)]]]) }
            return .object(object)
        }
        var texts = 0
        var errors = 0
        for _ in 0..<Self.iterations {
            do {
                _ = try ADFText.plainText(node(0))
                texts += 1
            } catch {
                #expect(!error.message.isEmpty)
                errors += 1
            }
        }
        var deep: JSONValue = ["type": "text", "text": "bottom"]
        for index in 0..<5000 {
            deep = ["type": .string(index % 2 == 0 ? "taskList" : "bulletList"), "content": [deep]]
        }
        #expect(throws: TextConversionError.self) { _ = try ADFText.plainText(deep) }
        #expect(texts + errors == Self.iterations && texts > 0)
    }
}
