import Foundation
import ImportCore
import Testing

/// Asana's rich text (`html_notes`, `html_text`): an XML subset under `<body>` with the tags Asana's
/// rich-text guide lists (headings, paragraphs by line, bold, italic, underline, strike, code, code
/// blocks, quotes, bullet and numbered lists, links, mentions and object links, rules, images, tables).
/// Documents written here.
@Suite("Asana rich text to plain text")
struct AsanaRichTextTests {
    static let cases: [(name: String, html: String, text: String)] = [
        ("the recorded sample", "<body>Example task notes</body>", "Example task notes"),
        (
            "headings and inline styles",
            "<body><h1>Launch</h1><h2>Scope</h2>We ship <strong>Monday</strong>, <em>maybe</em> <u>early</u>, <s>not Friday</s>, with <code>v2</code>.</body>",
            "Launch\nScope\nWe ship Monday, maybe early, not Friday, with v2."
        ),
        (
            "lists, nested and numbered",
            "<body><ul><li>crates<ul><li>blue</li></ul></li><li>tape</li></ul><ol><li>load</li><li>drive</li></ol></body>",
            "- crates\n  - blue\n- tape\n1. load\n2. drive"
        ),
        (
            "quotes and code blocks", "<body><blockquote>Measure twice.</blockquote><pre>cut --once</pre></body>",
            "> Measure twice.\ncut --once"
        ),
        (
            "links, mentions and object links",
            "<body>Ask <a data-asana-gid=\"1201\" data-asana-accessible=\"true\" data-asana-type=\"user\" data-asana-dynamic=\"true\" href=\"https://app.asana.com/0/1201/list\">@Rui Costa</a> about <a data-asana-gid=\"1330\" data-asana-type=\"task\" href=\"https://app.asana.com/0/0/1330\">Order forms</a>, see <a href=\"https://example.test/spec\">the spec</a></body>",
            "Ask @Rui Costa about Order forms, see the spec (https://example.test/spec)"
        ),
        (
            "a mention written without text", "<body>cc <a data-asana-gid=\"1201\" data-asana-type=\"user\"/></body>",
            "cc @1201"
        ),
        (
            "rules, images and entities",
            "<body>before<hr/>after <img src=\"https://app.asana.com/a/1.png\" alt=\"floor plan\"/> &amp; &lt;done&gt;</body>",
            "before\n---\nafter [image: floor plan] & <done>"
        ),
        (
            "tables",
            "<body><table><tr><td>Room</td><td>Seats</td></tr><tr><td>North</td><td>12</td></tr></table></body>",
            "Room | Seats\nNorth | 12"
        ),
        ("line breaks in notes", "<body>first line\nsecond line</body>", "first line\nsecond line"),
    ]

    @Test("each document reads as written here")
    func cases() {
        for sample in Self.cases {
            #expect(HTMLText.plainText(sample.html) == sample.text, "\(sample.name)")
        }
    }
}
