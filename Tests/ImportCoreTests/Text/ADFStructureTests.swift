import Foundation
import ImportCore
import Testing

/// Where flattening ADF used to lose structure: nested task lists, mentions glued to the next word,
/// structure inside table cells, unsupported nodes that left no trace, fractional list starts.
@Suite("ADF structure kept in plain text")
struct ADFStructureTests {
    static func text(_ json: String) throws -> String? {
        try ADFText.plainText(try JSONParser.parse(Data(json.utf8)))
    }

    static func paragraph(_ inline: String) -> String {
        #"{"type":"doc","version":1,"content":[{"type":"paragraph","content":[\#(inline)]}]}"#
    }

    @Test("a sub-task list beside its parent task is indented under it, at every depth")
    func nestedTaskLists() throws {
        let document = """
            {"type":"doc","version":1,"content":[{"type":"taskList","attrs":{"localId":"l1"},"content":[
              {"type":"taskItem","attrs":{"localId":"t1","state":"TODO"},"content":[{"type":"text","text":"Pack the van"}]},
              {"type":"taskList","attrs":{"localId":"l2"},"content":[
                {"type":"taskItem","attrs":{"localId":"t2","state":"DONE"},"content":[{"type":"text","text":"Load the tents"}]},
                {"type":"taskList","attrs":{"localId":"l3"},"content":[
                  {"type":"taskItem","attrs":{"localId":"t3","state":"TODO"},"content":[{"type":"text","text":"Count the pegs"}]}]}]},
              {"type":"taskItem","attrs":{"localId":"t4","state":"TODO"},"content":[{"type":"text","text":"Fuel up"}]}]}]}
            """
        #expect(
            try Self.text(document) == """
                [ ] Pack the van
                  [x] Load the tents
                    [ ] Count the pegs
                [ ] Fuel up
                """)
    }

    @Test("a bullet list nested as a sibling item is indented too")
    func nestedBulletSibling() throws {
        let document = """
            {"type":"doc","version":1,"content":[{"type":"bulletList","content":[
              {"type":"listItem","content":[{"type":"paragraph","content":[{"type":"text","text":"Harbour"}]}]},
              {"type":"bulletList","content":[{"type":"listItem","content":[{"type":"paragraph","content":[{"type":"text","text":"North quay"}]}]}]}]}]}
            """
        #expect(try Self.text(document) == "- Harbour\n  - North quay")
    }

    @Test("a mention followed directly by a word gets a space; punctuation and spaces are left alone")
    func mentionSpacing() throws {
        let mention = #"{"type":"mention","attrs":{"id":"acc-1","text":"@Noor Haddad"}}"#
        #expect(
            try Self.text(Self.paragraph(mention + #",{"type":"text","text":"please check the gauges"}"#))
                == "@Noor Haddad please check the gauges")
        #expect(
            try Self.text(Self.paragraph(mention + #",{"type":"text","text":", thanks"}"#)) == "@Noor Haddad, thanks")
        #expect(try Self.text(Self.paragraph(mention + #",{"type":"text","text":" agreed"}"#)) == "@Noor Haddad agreed")
        #expect(try Self.text(Self.paragraph(mention + "," + mention)) == "@Noor Haddad @Noor Haddad")
    }

    @Test("a table cell keeps its paragraphs, list items and line breaks apart (' / ')")
    func tableCells() throws {
        let document = """
            {"type":"doc","version":1,"content":[{"type":"table","content":[
              {"type":"tableRow","content":[
                {"type":"tableHeader","content":[{"type":"paragraph","content":[{"type":"text","text":"Step"}]}]},
                {"type":"tableHeader","content":[{"type":"paragraph","content":[{"type":"text","text":"Checks"}]}]}]},
              {"type":"tableRow","content":[
                {"type":"tableCell","content":[
                  {"type":"paragraph","content":[{"type":"text","text":"Drain"}]},
                  {"type":"paragraph","content":[{"type":"text","text":"Flush"}]}]},
                {"type":"tableCell","content":[
                  {"type":"bulletList","content":[
                    {"type":"listItem","content":[{"type":"paragraph","content":[{"type":"text","text":"valves shut"}]}]},
                    {"type":"listItem","content":[{"type":"paragraph","content":[{"type":"text","text":"gauge at zero"}]}]}]},
                  {"type":"paragraph","content":[{"type":"text","text":"then"},{"type":"hardBreak"},{"type":"text","text":"sign off"}]}]}]}]}]}
            """
        #expect(
            try Self.text(document) == """
                Step | Checks
                Drain / Flush | - valves shut / - gauge at zero / then / sign off
                """)
    }

    @Test("unsupported nodes say what they were: an empty one as [type], a macro with a body before its text")
    func unsupportedNodes() throws {
        #expect(
            try Self.text(
                #"{"type":"doc","version":1,"content":[{"type":"bodiedExtension","attrs":{"extensionKey":"roadmap"},"content":[]}]}"#
            )
                == "[extension: roadmap]")
        #expect(
            try Self.text(
                #"{"type":"doc","version":1,"content":[{"type":"bodiedExtension","attrs":{"extensionKey":"details"},"content":[{"type":"paragraph","content":[{"type":"text","text":"Owner: ops"}]}]}]}"#
            ) == "[extension: details]\n\nOwner: ops")
        #expect(
            try Self.text(#"{"type":"doc","version":1,"content":[{"type":"futureWidget","attrs":{}}]}"#)
                == "[futureWidget]")
    }

    @Test("an ordered list's order that is not a whole number starts at its whole part; a text number is read")
    func fractionalOrder() throws {
        func list(_ order: String) -> String {
            """
            {"type":"doc","version":1,"content":[{"type":"orderedList","attrs":{"order":\(order)},"content":[
              {"type":"listItem","content":[{"type":"paragraph","content":[{"type":"text","text":"first"}]}]},
              {"type":"listItem","content":[{"type":"paragraph","content":[{"type":"text","text":"second"}]}]}]}]}
            """
        }
        #expect(try Self.text(list("4.7")) == "4. first\n5. second")
        #expect(try Self.text(list(#""7""#)) == "7. first\n8. second")
        #expect(try Self.text(list("-3")) == "0. first\n1. second")
        #expect(try Self.text(list("1e300")) == "1. first\n2. second")
    }
}
