import Foundation
import ImportCore
import Testing

struct ADFCase: Sendable, CustomStringConvertible {
    let name: String
    let document: JSONValue
    let expected: String
    var description: String { name }
}

func adfCorpus() -> [ADFCase] {
    guard let corpus = try? Fixtures.json("adf/corpus.json").arrayValue else { return [] }
    return corpus.map {
        ADFCase(name: $0["name"]!.stringValue!, document: $0["doc"]!, expected: $0["expected"]!.stringValue!)
    }
}

@Suite("Atlassian Document Format to plain text")
struct ADFTextTests {
    @Test("each corpus document flattens to the expected text", arguments: adfCorpus())
    func corpus(_ sample: ADFCase) throws {
        #expect(try ADFText.plainText(sample.document) == sample.expected)
    }

    @Test("the corpus covers every node type of the ADF JSON schema")
    func coversSchema() throws {
        let schema = try Fixtures.json("adf-full-schema.json")
        var schemaTypes = Set<String>()
        for (name, definition) in schema["definitions"]?.objectValue ?? [:] where name.hasSuffix("_node") {
            let candidates = [definition] + (definition["allOf"]?.arrayValue ?? [])
            for candidate in candidates {
                for type in candidate["properties"]?["type"]?["enum"]?.arrayValue ?? [] {
                    if let text = type.stringValue { schemaTypes.insert(text) }
                }
            }
        }
        #expect(schemaTypes.count >= 35)
        var used = Set<String>()
        func walk(_ value: JSONValue) {
            if let type = value["type"]?.stringValue { used.insert(type) }
            for child in value["content"]?.arrayValue ?? [] { walk(child) }
        }
        for sample in adfCorpus() { walk(sample.document) }
        let missing = schemaTypes.subtracting(used)
        #expect(missing.isEmpty, "corpus lacks \(missing.sorted())")
        // The list, beyond the schema: tableHeader, nestedExpand, mediaGroup…
        for type in ["tableHeader", "nestedExpand", "mediaGroup", "decisionItem", "placeholder", "extension"] {
            #expect(used.contains(type))
        }
    }

    @Test("plain strings (Data Center wiki text) and null pass through")
    func plainStrings() throws {
        #expect(try ADFText.plainText("h1. Wiki *text*") == "h1. Wiki *text*")
        #expect(try ADFText.plainText(.null) == nil)
    }

    @Test("hostile nesting fails with a clear error, it does not crash")
    func deepNesting() throws {
        var node: JSONValue = ["type": "text", "text": "deep"]
        for _ in 0..<300 { node = ["type": "blockquote", "content": [node]] }
        #expect(throws: TextConversionError.self) { _ = try ADFText.plainText(["type": "doc", "content": [node]]) }
        var list: JSONValue = ["type": "paragraph", "content": [["type": "text", "text": "x"]]]
        for _ in 0..<200 { list = ["type": "bulletList", "content": [["type": "listItem", "content": [list]]]] }
        #expect(throws: TextConversionError.self) { _ = try ADFText.plainText(["type": "doc", "content": [list]]) }
    }

    @Test(
        "wrong shapes never crash",
        arguments: [
            JSONValue.number(3), ["type": 5], ["type": "doc", "content": "nope"],
            ["type": "paragraph", "content": [1, 2, .null]],
            ["content": [["text": "orphan"]]],
            [["type": "paragraph", "content": [["type": "text", "text": "array root"]]]],
        ] as [JSONValue])
    func wrongShapes(_ value: JSONValue) {
        _ = try? ADFText.plainText(value)
    }

    @Test("Markdown and HTML flatten to readable text")
    func markdownAndHTML() {
        #expect(
            MarkdownText.plainText(
                "# Title\n\nSome **bold** and _em_ with [a link](https://x.dev) and `code`.\n\n- item\n- [ ] todo\n\n```\nlet x = 1\n```\n![diagram](https://x/y.png)"
            )
                == "Title\n\nSome bold and em with a link (https://x.dev) and code.\n\n- item\n- [ ] todo\n\nlet x = 1\n[image: diagram]"
        )
        #expect(MarkdownText.plainText("snake_case_name stays") == "snake_case_name stays")
        #expect(
            HTMLText.plainText(
                "<body><h1>Plan</h1><p>Ship &amp; <strong>test</strong> &lt;now&gt;</p><ul><li>one</li><li>two</li></ul><a href=\"https://x.dev\">site</a><br>&#x1F680;&#39;</body>"
            )
                == "Plan\nShip & test <now>\n- one\n- two\nsite (https://x.dev)\n🚀'")
        #expect(HTMLText.plainText("<script>alert(1)</script>safe") == "safe")
    }
}
