import Foundation
import ImportCore
import Testing

/// Jira's wiki markup (Data Center) to plain text, on documents written here after Atlassian's
/// text formatting notation help: each case is the markup and the text a reader should get.
@Suite("Jira wiki markup to plain text")
struct WikiTextTests {
    static let corpus: [(name: String, wiki: String, text: String)] = [
        ("headings lose their marker", "h1. Pump station\nh3. Valves", "Pump station\nValves"),
        (
            "effects lose their marks", "*bold* _italic_ -gone- +added+ ^up^ ~down~ {{mono}}",
            "bold italic gone added up down mono"
        ),
        ("marks inside words stay", "snake_case_name and a-b-c and 2*3*4", "snake_case_name and a-b-c and 2*3*4"),
        (
            "bullets and numbers, nested and mixed", "* North\n** Quay 1\n# First\n# Second\n## Second A\n*# mixed",
            "- North\n  - Quay 1\n1. First\n2. Second\n  1. Second A\n  1. mixed"
        ),
        ("numbering restarts after a paragraph", "# a\n# b\n\nThen:\n# c", "1. a\n2. b\n\nThen:\n1. c"),
        ("a dash list", "- one\n- two", "- one\n- two"),
        (
            "tables, links inside cells not split", "||Gauge||Reading||\n|[North|https://x.test/n]|4 bar|",
            "Gauge | Reading\nNorth (https://x.test/n) | 4 bar"
        ),
        (
            "links, mentions, attachments, anchors",
            "See [the runbook|https://wiki.test/rb], ask [~noor.h], open [^report.pdf], [https://x.test] and [#top]",
            "See the runbook (https://wiki.test/rb), ask @noor.h, open [attachment: report.pdf], https://x.test and top"
        ),
        ("images", "!diagram.png! and !photo.jpg|thumbnail!", "[attachment: diagram.png] and [attachment: photo.jpg]"),
        (
            "code keeps its content verbatim, on one line or many",
            "Run:\n{code:bash}\nmake *all* _now_\n{code}\n{code}let x = 1{code}", "Run:\nmake *all* _now_\nlet x = 1"
        ),
        ("noformat too", "{noformat}\n* not a list\n{noformat}", "* not a list"),
        (
            "quotes", "bq. Keep the valves shut.\n{quote}\nFirst line\nsecond\n{quote}\nafter",
            "> Keep the valves shut.\n> First line\n> second\nafter"
        ),
        (
            "colour and panels go, their text stays",
            "{color:red}Warning{color}\n{panel:title=Checklist|borderStyle=dashed}\nBring gloves\n{panel}",
            "Warning\nChecklist\nBring gloves"
        ),
        (
            "rules, line breaks and escapes", "above\n----\nline one\\\\line two \\*not bold\\*",
            "above\n---\nline one\nline two *not bold*"
        ),
    ]

    @Test("each case reads as a person would write it in plain text")
    func cases() {
        for sample in Self.corpus {
            #expect(WikiText.plainText(sample.wiki) == sample.text, "\(sample.name)")
        }
    }

    @Test("the Jira table reads Data Center's wiki text and Cloud's ADF alike")
    func throughTheTable() throws {
        let evaluator = MappingEvaluator(
            table: try MappingParser.load(path: Fixtures.repositoryRoot + "/Providers/jira/mapping.json"))
        let wiki: JSONValue = [
            "id": "1", "key": "OPS-1",
            "fields": [
                "summary": "s", "status": ["name": "Open", "statusCategory": ["key": "new"]],
                "description": "h2. Context\nWork on *the pump*.\n# Open the page\n# Click {{Pay}}",
                "comment": ["comments": [["id": "9", "body": "Thanks [~lee]!"]], "total": 1],
            ],
        ]
        let task = try evaluator.canonical(wiki, source: "jira")
        #expect(task.description == "Context\nWork on the pump.\n1. Open the page\n2. Click Pay")
        #expect(task.comments.first?.body == "Thanks @lee!")
        var cloud = wiki
        if case .object(var root) = cloud, case .object(var fields)? = root["fields"] {
            fields["description"] = [
                "type": "doc", "version": 1,
                "content": [["type": "paragraph", "content": [["type": "text", "text": "*stays* as written"]]]],
            ]
            root["fields"] = .object(fields)
            cloud = .object(root)
        }
        #expect(try evaluator.canonical(cloud, source: "jira").description == "*stays* as written")
    }
}
