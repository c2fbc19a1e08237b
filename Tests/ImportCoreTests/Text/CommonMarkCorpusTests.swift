import Foundation
import ImportCore
import Testing

/// The CommonMark corpus, in our own words and data: for each rule of the CommonMark spec
/// (0.31.2, spec.commonmark.org) that the Markdown flattener follows, a Markdown text and the HTML the
/// reference renderers give for it, written here from the spec's rules. The plain text of the Markdown
/// must equal the plain text of that HTML through the HTML flattener, whitespace runs aside.
/// The spec's own examples (CC-BY-SA, another project's suite) are not copied here: run
/// `tributary-bench --commonmark spec.txt` against a copy of the spec (docs/MAPPING.md has the figures
/// and the exceptions).
@Suite("CommonMark corpus: Markdown and its reference HTML read alike")
struct CommonMarkCorpusTests {
    static let cases: [(rule: String, markdown: String, html: String)] = [
        // Indented code and indentation.
        (
            "four spaces make code, read as written", "    let total = a * b\n    print(total)",
            "<pre><code>let total = a * b\nprint(total)\n</code></pre>"
        ),
        ("a tab is four columns", "\tx := <y>", "<pre><code>x := &lt;y&gt;\n</code></pre>"),
        ("an indented line continues a paragraph", "Steps\n    *continue*", "<p>Steps\n<em>continue</em></p>"),
        (
            "inside a list item, indentation is counted from its text", "- parent\n    - child",
            "<ul><li>parent<ul><li>child</li></ul></li></ul>"
        ),
        (
            "a lazy indented line in a quote is text", "> note\n    - not a list",
            "<blockquote><p>note\n- not a list</p></blockquote>"
        ),
        (
            "an HTML comment indented four columns after a blank line is code",
            "  <!-- kept out -->\n\n    <!-- shown -->",
            "  <!-- kept out -->\n<pre><code>&lt;!-- shown --&gt;\n</code></pre>"
        ),
        // ATX headings.
        ("seven marks are no heading", "####### Seven", "<p>####### Seven</p>"),
        ("a closing run and trailing spaces go", "## Budget ##   ", "<h2>Budget</h2>"),
        ("a mark glued to the text stays", "# C#", "<h1>C#</h1>"),
        ("an escaped closing mark stays", "# Tag \\#", "<h1>Tag #</h1>"),
        ("a tab after the marks", "#\tTabbed", "<h1>Tabbed</h1>"),
        // Hard line breaks.
        ("a backslash ending the paragraph is text", "ends with a slash\\", "<p>ends with a slash\\</p>"),
        ("a backslash ending a heading is text", "## Drive C:\\", "<h2>Drive C:\\</h2>"),
        // Raw HTML.
        (
            "a tag may span lines", "Price <b2 data-x=\"1\"\nclass=\"y\">tag</b2>",
            "<p>Price <b2 data-x=\"1\"\nclass=\"y\">tag</b2></p>"
        ),
        ("a malformed attribute makes text", "<span x*y=\"1\">", "<p>&lt;span x*y=&quot;1&quot;&gt;</p>"),
        ("a closing tag has no attributes", "</em class=\"x\">", "<p>&lt;/em class=&quot;x&quot;&gt;</p>"),
        ("an unquoted value cannot hold a quote", "<i a=b'c>", "<p>&lt;i a=b'c&gt;</p>"),
        ("the shortest comments", "a <!--> b -->", "<p>a <!--> b --&gt;</p>"),
        ("a CDATA section", "x <![CDATA[ 1 < 2 ]]> y", "<p>x <![CDATA[ 1 < 2 ]]> y</p>"),
        (
            "an inline image tag reads as an image", "see <img src=\"/chart.png\" alt=\"chart\"> now",
            "<p>see <img src=\"/chart.png\" alt=\"chart\"> now</p>"
        ),
        (
            "a quoted attribute may hold '>'", "<abbr title=\"less > more\">LM</abbr>",
            "<p><abbr title=\"less > more\">LM</abbr></p>"
        ),
        // Autolinks.
        ("a backslash makes no address", "<build\\+1@ci.example>", "<p>&lt;build+1@ci.example&gt;</p>"),
        (
            "a scheme in capitals", "<MAILTO:OPS@EXAMPLE.TEST>",
            "<p><a href=\"MAILTO:OPS@EXAMPLE.TEST\">MAILTO:OPS@EXAMPLE.TEST</a></p>"
        ),
        ("a domain label cannot end with a hyphen", "<ops@bad-.test>", "<p>&lt;ops@bad-.test&gt;</p>"),
        // Emphasis: the rule of three.
        ("an inner double run does not close a single one", "*alpha**beta*", "<p><em>alpha**beta</em></p>"),
        ("single inside double", "**one*two*three**", "<p><strong>one<em>two</em>three</strong></p>"),
        ("a triple run closes both", "*in**out***", "<p><em>in<strong>out</strong></em></p>"),
        // Links.
        ("a link holds no link", "[outer [inner](/in)](/out)", "<p>[outer <a href=\"/in\">inner</a>](/out)</p>"),
        (
            "an image may hold a link", "![logo [home](/h)](/logo.png)",
            "<p><img src=\"/logo.png\" alt=\"logo home\" /></p>"
        ),
        (
            "a reference link holds no link either", "[see [ref]][ref]\n\n[ref]: /r",
            "<p>[see <a href=\"/r\">ref</a>]<a href=\"/r\">ref</a></p>"
        ),
        (
            "a no-break space is part of the destination", "[a](/path\u{A0}\"t\")",
            "<p><a href=\"/path%C2%A0%22t%22\">a</a></p>"
        ),
        // Link reference definitions.
        (
            "destination and title on lines of their own", "[Spec]:\n  <docs/the spec.md>\n  'The spec'\n\n[spec]",
            "<p><a href=\"docs/the%20spec.md\" title=\"The spec\">spec</a></p>"
        ),
        (
            "text after the title makes no definition", "[a]: /one \"title\" trailing",
            "<p>[a]: /one &quot;title&quot; trailing</p>"
        ),
        (
            "a title that does not end its line is left to the paragraph", "[t]: /two\n\"title\" more\n\n[t]",
            "<p>&quot;title&quot; more</p><p><a href=\"/two\">t</a></p>"
        ),
        ("a definition cannot interrupt a paragraph", "Intro\n[b]: /two\n\n[b]", "<p>Intro\n[b]: /two</p><p>[b]</p>"),
        (
            "a title over two lines", "[c]: /three\n\"multi\nline title\"\n\n[c]",
            "<p><a href=\"/three\" title=\"multi\nline title\">c</a></p>"
        ),
        ("an empty destination", "[d]: <>\n\n[d]", "<p><a href=\"\">d</a></p>"),
        ("something glued to <destination>", "[e]: <x>y\n\n[e]", "<p>[e]: <x>y</p><p>[e]</p>"),
        ("labels match case folded", "[STRASSE]: /s\n\n[Straße]", "<p><a href=\"/s\">Straße</a></p>"),
        ("an escaped bracket in a label", "[f\\]]: /esc\n\n[f\\]]", "<p><a href=\"/esc\">f]</a></p>"),
        ("a label over two lines", "[multi\nline]: /m\n\n[Multi line]", "<p><a href=\"/m\">Multi line</a></p>"),
        ("escapes and entities in a destination", "[g]: /a\\*b&amp;c\n\n[g]", "<p><a href=\"/a*b&amp;c\">g</a></p>"),
        // List items.
        ("an empty item", "- a\n-\n- c", "<ul><li>a</li><li></li><li>c</li></ul>"),
        (
            "a fence opening an item", "- ```\n  x = *1*\n  ```\n- y",
            "<ul><li><pre><code>x = *1*\n</code></pre></li><li>y</li></ul>"
        ),
        ("a heading and a rule as items", "- ## Title\n- ***", "<ul><li><h2>Title</h2></li><li><hr /></li></ul>"),
        (
            "a backslash escapes ASCII punctuation only: before « it stays in a destination",
            #"[docs](https://x.test/a\«b) and [more](<https://x.test/c\«d>)"#,
            #"<p><a href="https://x.test/a%5C%C2%ABb">docs</a> and <a href="https://x.test/c%5C%C2%ABd">more</a></p>"#
        ),
    ]

    static func normalized(_ text: String) -> String {
        text.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }

    @Test("each Markdown text reads as the HTML the reference renders for it")
    func corpus() {
        for sample in Self.cases {
            #expect(
                Self.normalized(MarkdownText.plainText(sample.markdown))
                    == Self.normalized(HTMLText.plainText(sample.html)), "\(sample.rule)")
        }
    }

    @Test("code keeps its own indentation beyond the four columns, and its marks")
    func codeIndentation() {
        #expect(
            MarkdownText.plainText("Run:\n\n      indented *twice*\n    back") == "Run:\n\n  indented *twice*\nback")
        // In an item whose text starts at column 3, code starts at column 7: one space is the code's own.
        #expect(MarkdownText.plainText("1. step\n\n        code") == "1. step\n\n code")
    }
}
