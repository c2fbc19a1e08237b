/// Markdown bodies of the Linear sandbox: the same content as the Jira façade's ADF descriptions,
/// written the way Linear stores rich text, with an `uploads.linear.app` image now and then.
enum LinearDocuments {
    static func markdown(variant: Int, summary: String) -> String {
        switch variant % 12 {
        case 0: return "Context for **\(summary)**.\n\nReported by @alice 👍"
        case 1: return "## Steps to reproduce\n\n1. Open the page\n2. Click `Pay`\n\n* Expected: receipt"
        case 2: return "Context for **\(summary)**.\n\n```swift\nlet total = items.reduce(0, +)\nprint(total)\n```"
        case 3: return "| Browser | Result |\n| --- | --- |\n| Safari 17 | fails |"
        case 4:
            return
                "Context for **\(summary)**.\n\nSee [the runbook](https://wiki.example.com/runbook) and DEMO-1.\n\n---\n\nhttps://docs.example.com/design"
        case 5:
            return
                "![screenshot.png](https://uploads.linear.app/0f4e2a1c-0000-4000-8000-000000000001/screenshot.png)"
        case 6: return "> Customer-facing: handle with care.\n\n> It worked yesterday."
        case 7: return "**Logs**\n\nNullPointerException at line 42\n\nat Checkout.pay()"
        case 8: return "- [x] Write the test\n- [ ] Ship the fix\n\nDecision: Roll back first"
        case 9: return "Due 2024-06-01, currently AT RISK\nOwner: assign someone"
        case 10: return "Extension body\n\nInline status"
        default: return "Left column\n\nRight column\n\nText inside a node type from the future"
        }
    }
}
