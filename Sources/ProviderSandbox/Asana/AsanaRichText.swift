/// Task descriptions as Asana stores them: `html_notes` in Asana's XML-like subset under a `<body>`
/// root, and `notes` as its plain text. The content is the Linear façade's Markdown for the same
/// variant (itself the Jira façade's ADF content), so every source tells the same story.
enum AsanaRichText {
    /// The task types the sandbox's "Type" enum field offers (Jira's issue types).
    static let typeNames = ["Epic", "Story", "Task", "Bug", "Sub-task", "Spike", "Improvement", "Incident"]

    /// `html_notes` for a description variant.
    static func html(variant: Int, summary: String) -> String {
        var html = ""
        var list: String?
        var inCode = false
        func closeList() {
            if let tag = list { html += "</\(tag)>" }
            list = nil
        }
        for line in LinearDocuments.markdown(variant: variant, summary: summary).split(
            separator: "\n", omittingEmptySubsequences: false)
        {
            let text = String(line)
            if text.hasPrefix("```") {
                closeList()
                html += inCode ? "</pre>" : "<pre>"
                inCode.toggle()
                continue
            }
            if inCode {
                html += escaped(text) + "\n"
                continue
            }
            if text.hasPrefix("- ") || text.hasPrefix("* ") || text.first?.isNumber == true && text.contains(". ") {
                let tag = text.first?.isNumber == true ? "ol" : "ul"
                if list != tag {
                    closeList()
                    html += "<\(tag)>"
                    list = tag
                }
                let item = text.drop { $0 != " " }.dropFirst()
                html += "<li>\(inline(String(item)))</li>"
                continue
            }
            closeList()
            if text.isEmpty { continue }
            if text.hasPrefix("## ") {
                html += "<h2>\(inline(String(text.dropFirst(3))))</h2>"
            } else if text.hasPrefix("> ") {
                html += "<blockquote>\(inline(String(text.dropFirst(2))))</blockquote>"
            } else if text == "---" {
                html += "<hr/>"
            } else if text.hasPrefix("!["), let close = text.firstIndex(of: "]") {
                // An inline image: Asana stores it as an asset of the task, shown by its asset URL.
                let alt = text[text.index(text.startIndex, offsetBy: 2)..<close]
                html +=
                    "<img data-asana-type=\"attachment\" src=\"https://app.asana.com/app/asana/-/get_asset?asset_id=1900000000000\" alt=\"\(escaped(String(alt)))\">"
            } else {
                html += inline(text) + "\n"
            }
        }
        closeList()
        if inCode { html += "</pre>" }
        return "<body>\(html)</body>"
    }

    /// `notes`: the description's words without markup.
    static func plain(variant: Int, summary: String) -> String {
        LinearDocuments.markdown(variant: variant, summary: summary).replacingOccurrences(of: "**", with: "")
            .replacingOccurrences(of: "`", with: "")
    }

    /// One line's inline marks: `**strong**` and `` `code` ``, the rest escaped.
    static func inline(_ text: String) -> String {
        var out = ""
        var strong = false
        var code = false
        var rest = Substring(text)
        while let first = rest.first {
            if rest.hasPrefix("**") {
                out += strong ? "</strong>" : "<strong>"
                strong.toggle()
                rest = rest.dropFirst(2)
            } else if first == "`" {
                out += code ? "</code>" : "<code>"
                code.toggle()
                rest = rest.dropFirst()
            } else {
                out += escaped(String(first))
                rest = rest.dropFirst()
            }
        }
        if code { out += "</code>" }
        if strong { out += "</strong>" }
        return out
    }

    static func escaped(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;")
    }
}
