import Foundation
import ImportCore
import Testing

/// Markdown (Linear, ClickUp) and HTML (Asana) to plain text, on documents written here: the two
/// flatteners follow one set of conventions, so a Markdown text and the HTML it renders to read alike.
@Suite("Markdown and HTML to plain text")
struct MarkdownAndHTMLTests {
    static let markdown: [(name: String, markdown: String, text: String)] = [
        (
            "setext headings lose their underline", "Release plan\n============\nNotes\n-----\nbody",
            "Release plan\nNotes\nbody"
        ),
        ("a rule after a blank line stays a rule", "above\n\n---\nbelow", "above\n\n---\nbelow"),
        ("spaced rules", "* * *", "---"),
        (
            "reference links and their definitions",
            "See [the guide][g] and [Runbook].\n\n[g]: https://docs.test/guide \"Guide\"\n[runbook]: <https://docs.test/rb>",
            "See the guide (https://docs.test/guide) and Runbook (https://docs.test/rb)."
        ),
        (
            "autolinks read their address", "Mail <ops@example.test> or open <https://status.example.test/x?y=1>",
            "Mail ops@example.test or open https://status.example.test/x?y=1"
        ),
        ("entities are decoded", "Fish &amp; chips &copy; 2024 &#35;1 &#x263A;", "Fish & chips © 2024 #1 ☺"),
        (
            "inline HTML tags go, their text stays", "Press <kbd>Ctrl</kbd>+<kbd>C</kbd><br/>then <!-- note --> go",
            "Press Ctrl+C\nthen  go"
        ),
        (
            "paired emphasis goes, unpaired marks stay",
            "**bold**, *it*, __strong__, _em_, ~~gone~~; 2 * 3 * 4, snake_case_name, a * b",
            "bold, it, strong, em, gone; 2 * 3 * 4, snake_case_name, a * b"
        ),
        ("nested emphasis", "***both*** and **outer *inner* outer**", "both and outer inner outer"),
        ("every ASCII punctuation can be escaped", "\\*not\\* \\_em\\_ \\# \\<b\\> \\&amp;", "*not* _em_ # <b> &amp;"),
        ("code spans keep their marks", "Run `make *all*` now", "Run make *all* now"),
        (
            "a quote is Markdown of its own, lazy lines included",
            "> # Notice\n> Doors close at *nine*\nsharp.\n>\n> > nested",
            "> Notice\n> Doors close at nine\n> sharp.\n\n> > nested"
        ),
        (
            "raw HTML blocks are read as HTML", "<div class=\"box\">\n*not emphasis* &amp; kept\n</div>\n\n*emphasis*",
            "*not emphasis* & kept\n\nemphasis"
        ),
        (
            "a backslash at the end of a line breaks it; inline comments go", "one\\\ntwo <!-- a -- b --> three",
            "one\ntwo  three"
        ),
        (
            "entities and escapes in destinations are shown decoded",
            "[menu](/caf&eacute;?a=1&amp;b=2) [doc](/my%20doc)", "menu (/café?a=1&b=2) doc (/my doc)"
        ),
        (
            "list markers read as the other flatteners write them", "* one\n+ two\n  * inner\n3) three\n007. seven",
            "- one\n- two\n  - inner\n3. three\n7. seven"
        ),
        (
            "emphasis and code spans may span the lines of a paragraph",
            "a *long\nsentence* with `code\nspan` and a\\\nbreak", "a long\nsentence with code span and a\nbreak"
        ),
        (
            "code spans, tags and escapes bind tighter than link brackets", "[not `a](/x)` link] and \\[also](/y) not",
            "[not a](/x) link] and [also](/y) not"
        ),
        ("comments and script blocks go", "<!-- draft\nnotes -->\n<script>\nalert(1)\n</script>\ntext", "text"),
        (
            "reference images and definitions over two lines",
            "![the *map*][m] and ![alt [with](/x) link](/y.png)\n\n[m]:\n  /img/map.png\n  \"Map\"",
            "[image: the map] and [image: alt with link]"
        ),
        (
            "a code span closes only with as many backticks", "Type `` a ` b `` and `` unclosed",
            "Type a ` b and `` unclosed"
        ),
        (
            "a fence closes only with its own mark, as long", "````\ncode\n```\nstill code\n````\nafter",
            "code\n```\nstill code\nafter"
        ),
        (
            "link destinations: angle brackets, balanced parentheses, escapes, titles; fragments are not shown",
            "[a](<my file.pdf>) [b](https://w.test/x_(y)) [c](/p\\)q) [d](/e \"Title\") [e](#top)",
            "a (my file.pdf) b (https://w.test/x_(y)) c (/p)q) d (/e) e"
        ),
    ]

    @Test("each Markdown case reads as written here")
    func markdownCases() {
        for sample in Self.markdown {
            #expect(MarkdownText.plainText(sample.markdown) == sample.text, "\(sample.name)")
        }
    }

    @Test("HTML lists number from their start, nest, and quotes read '> ' as in Markdown and ADF")
    func htmlConventions() {
        #expect(
            HTMLText.plainText("<body><ol start=\"3\"><li>drain</li><li>flush<ul><li>twice</li></ul></li></ol></body>")
                == "3. drain\n4. flush\n  - twice")
        #expect(
            HTMLText.plainText("<blockquote><p>Keep it shut.</p><p>Always.</p></blockquote><p>after</p>")
                == "> Keep it shut.\n> Always.\nafter")
        #expect(HTMLText.plainText("<ol start=\"-4\"><li>x</li></ol>") == "0. x")
        #expect(HTMLText.plainText("<a href=\"/files/my%20report.pdf\">report</a>") == "report (/files/my report.pdf)")
        #expect(
            HTMLText.plainText(
                "<a href=\"/q?a=1&amp;b=2\">q</a> <a href=\"mailto:ops@example.test\">ops@example.test</a>")
                == "q (/q?a=1&b=2) ops@example.test")
        // NUL and what is no scalar read as U+FFFD; eleven digits are no reference at all (as HTML says).
        #expect(HTMLText.plainText("&#0;&#x110000;&#99999999999;") == "\u{FFFD}\u{FFFD}&#99999999999;")
    }

    @Test("a Markdown text and the HTML it renders to read alike")
    func sameReading() {
        let pairs: [(String, String)] = [
            ("1. first\n2. second", "<ol><li>first</li><li>second</li></ol>"),
            ("> quoted *line*", "<blockquote><p>quoted <em>line</em></p></blockquote>"),
            ("- a\n- b", "<ul><li>a</li><li>b</li></ul>"),
            ("[site](https://x.test)", "<p><a href=\"https://x.test\">site</a></p>"),
            (
                "> [site](https://x.test) down",
                "<blockquote><p><a href=\"https://x.test\">site</a> down</p></blockquote>"
            ),
            ("> &#99999999; &#35;", "<blockquote><p>&amp;#99999999; #</p></blockquote>"),
        ]
        for (markdown, html) in pairs {
            #expect(MarkdownText.plainText(markdown) == HTMLText.plainText(html), "\(markdown)")
        }
    }
}
