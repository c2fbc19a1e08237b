import ImportCore

/// Rich-text bodies of the sandbox: Atlassian Document Format for Cloud, wiki text for Data Center.
/// Descriptions rotate through every ADF node type, so an import exercises the whole flattener.
enum JiraDocuments {
    static func text(_ value: String, marks: [JSONValue] = []) -> JSONValue {
        marks.isEmpty
            ? ["type": "text", "text": .string(value)]
            : ["type": "text", "text": .string(value), "marks": .array(marks)]
    }

    static func paragraph(_ content: JSONValue...) -> JSONValue { ["type": "paragraph", "content": .array(content)] }

    static func doc(_ content: [JSONValue]) -> JSONValue { ["type": "doc", "version": 1, "content": .array(content)] }

    /// An ADF description (variant chosen by `variant`) mentioning `mention`.
    static func description(variant: Int, summary: String, mention: (id: String, name: String)) -> JSONValue {
        let intro = paragraph(text("Context for "), text(summary, marks: [["type": "strong"]]), text("."))
        switch variant % 12 {
        case 0:
            return doc([
                intro,
                paragraph(
                    text("Reported by "),
                    ["type": "mention", "attrs": ["id": .string(mention.id), "text": .string("@" + mention.name)]],
                    text(" "), ["type": "emoji", "attrs": ["shortName": ":thumbsup:", "text": "👍"]]),
            ])
        case 1:
            return doc([
                ["type": "heading", "attrs": ["level": 2], "content": [text("Steps to reproduce")]],
                [
                    "type": "orderedList", "attrs": ["order": 1],
                    "content": [
                        ["type": "listItem", "content": [paragraph(text("Open the page"))]],
                        [
                            "type": "listItem",
                            "content": [paragraph(text("Click "), text("Pay", marks: [["type": "code"]]))],
                        ],
                    ],
                ],
                [
                    "type": "bulletList",
                    "content": [["type": "listItem", "content": [paragraph(text("Expected: receipt"))]]],
                ],
            ])
        case 2:
            return doc([
                intro,
                [
                    "type": "codeBlock", "attrs": ["language": "swift"],
                    "content": [text("let total = items.reduce(0, +)\nprint(total)")],
                ],
            ])
        case 3:
            return doc([
                [
                    "type": "table", "attrs": ["isNumberColumnEnabled": false, "layout": "default"],
                    "content": [
                        [
                            "type": "tableRow",
                            "content": [
                                ["type": "tableHeader", "attrs": [:], "content": [paragraph(text("Browser"))]],
                                ["type": "tableHeader", "attrs": [:], "content": [paragraph(text("Result"))]],
                            ],
                        ],
                        [
                            "type": "tableRow",
                            "content": [
                                ["type": "tableCell", "attrs": [:], "content": [paragraph(text("Safari 17"))]],
                                ["type": "tableCell", "attrs": [:], "content": [paragraph(text("fails"))]],
                            ],
                        ],
                    ],
                ]
            ])
        case 4:
            return doc([
                intro,
                paragraph(
                    text("See "),
                    text(
                        "the runbook", marks: [["type": "link", "attrs": ["href": "https://wiki.example.com/runbook"]]]),
                    text(" and "),
                    ["type": "inlineCard", "attrs": ["url": "https://example.atlassian.net/browse/DEMO-1"]]),
                ["type": "rule"], ["type": "blockCard", "attrs": ["url": "https://docs.example.com/design"]],
            ])
        case 5:
            return doc([
                [
                    "type": "mediaSingle", "attrs": ["layout": "center"],
                    "content": [
                        [
                            "type": "media",
                            "attrs": [
                                "type": "file", "id": "a1b2c3d4-0000-4000-8000-000000000001",
                                "collection": "jira-10000", "alt": "screenshot.png",
                            ],
                        ]
                    ],
                ],
                [
                    "type": "mediaGroup",
                    "content": [
                        [
                            "type": "media",
                            "attrs": [
                                "type": "file", "id": "a1b2c3d4-0000-4000-8000-000000000002",
                                "collection": "jira-10000",
                            ],
                        ]
                    ],
                ],
            ])
        case 6:
            return doc([
                [
                    "type": "panel", "attrs": ["panelType": "warning"],
                    "content": [paragraph(text("Customer-facing: handle with care."))],
                ], ["type": "blockquote", "content": [paragraph(text("It worked yesterday."))]],
            ])
        case 7:
            return doc([
                [
                    "type": "expand", "attrs": ["title": "Logs"],
                    "content": [
                        paragraph(text("NullPointerException at line 42")),
                        [
                            "type": "nestedExpand", "attrs": ["title": "Stack"],
                            "content": [paragraph(text("at Checkout.pay()"))],
                        ],
                    ],
                ]
            ])
        case 8:
            return doc([
                [
                    "type": "taskList", "attrs": ["localId": "t1"],
                    "content": [
                        [
                            "type": "taskItem", "attrs": ["localId": "t1a", "state": "DONE"],
                            "content": [text("Write the test")],
                        ],
                        [
                            "type": "taskItem", "attrs": ["localId": "t1b", "state": "TODO"],
                            "content": [text("Ship the fix")],
                        ],
                    ],
                ],
                [
                    "type": "decisionList", "attrs": ["localId": "d1"],
                    "content": [
                        [
                            "type": "decisionItem", "attrs": ["localId": "d1a", "state": "DECIDED"],
                            "content": [text("Roll back first")],
                        ]
                    ],
                ],
            ])
        case 9:
            return doc([
                paragraph(
                    text("Due "), ["type": "date", "attrs": ["timestamp": "1717200000000"]], text(", currently "),
                    ["type": "status", "attrs": ["text": "AT RISK", "color": "red", "localId": "s1"]],
                    ["type": "hardBreak"], text("Owner: "),
                    ["type": "placeholder", "attrs": ["text": "assign someone"]])
            ])
        case 10:
            return doc([
                [
                    "type": "extension",
                    "attrs": ["extensionType": "com.atlassian.confluence.macro.core", "extensionKey": "toc"],
                ],
                [
                    "type": "bodiedExtension",
                    "attrs": ["extensionType": "com.atlassian.confluence.macro.core", "extensionKey": "details"],
                    "content": [paragraph(text("Extension body"))],
                ],
                paragraph(
                    text("Inline "),
                    ["type": "inlineExtension", "attrs": ["extensionType": "x", "extensionKey": "status"]]),
            ])
        default:
            return doc([
                [
                    "type": "layoutSection",
                    "content": [
                        ["type": "layoutColumn", "attrs": ["width": 50], "content": [paragraph(text("Left column"))]],
                        ["type": "layoutColumn", "attrs": ["width": 50], "content": [paragraph(text("Right column"))]],
                    ],
                ], ["type": "futureNode2031", "content": [paragraph(text("Text inside a node type from the future"))]],
            ])
        }
    }

    /// A short ADF comment body.
    static func comment(_ body: String) -> JSONValue { doc([paragraph(text(body))]) }

    /// Data Center keeps rich text as wiki markup.
    static func wiki(variant: Int, summary: String) -> String {
        switch variant % 3 {
        case 0: return "h2. Context\nWork on *\(summary)*.\n# Open the page\n# Click {{Pay}}"
        case 1: return "See [the runbook|https://wiki.example.com/runbook].\n{code}let x = 1{code}"
        default: return "||Browser||Result||\n|Safari 17|fails|"
        }
    }
}
