/// Flattens HTML (Asana's `html_notes`, rendered fields) to plain text: block tags become line
/// breaks, list items `- ` (in `<ol>`: `1. `, from its `start`), block quotes `> `, links
/// `text (url)`, entities are decoded, everything else is dropped: the same conventions as the
/// Markdown and ADF flatteners, so one text reads alike from any source.
public enum HTMLText {
    /// The text of an HTML fragment, tags removed and entities decoded.
    public static func plainText(_ html: String) -> String {
        var out = ""
        let all = Array(html)
        var chars = all[...]
        /// The first `>` at or after the cursor (`all.count`: none): found once for every tag before it.
        var nextClose = -1
        var linkHref: [String?] = []
        var linkText: [String] = []
        var skipDepth = 0
        var quoteDepth = 0
        /// Per open list: the next number (`nil` for a bullet list).
        var lists: [Int?] = []
        func newLine() {
            if !out.isEmpty, !out.hasSuffix("\n") { out += "\n" }
        }
        /// Writes text where it belongs: into the open link's text, or out (a quoted line first gets its `> `).
        func write(_ text: String) {
            guard linkText.isEmpty else {
                linkText[linkText.count - 1] += text
                return
            }
            if quoteDepth > 0, out.isEmpty || out.hasSuffix("\n"), !text.isEmpty, text != "\n" {
                out += String(repeating: "> ", count: quoteDepth)
            }
            out += text
        }
        while let c = chars.first {
            if c == "<", let end = commentEnd(all, at: chars.startIndex) {
                // Comments and CDATA sections: nothing a reader sees.
                chars = all[end...]
                continue
            }
            if c == "<" {
                if nextClose < chars.startIndex {
                    nextClose = all[chars.startIndex...].firstIndex(of: ">") ?? all.count
                }
                guard nextClose < all.count, let close = tagEnd(all, from: chars.startIndex, firstClose: nextClose)
                else {
                    write("<")
                    chars = chars.dropFirst()
                    continue
                }
                let tag = String(chars[(chars.startIndex + 1)..<close])
                chars = chars[(close + 1)...]
                let isClosing = tag.hasPrefix("/")
                let name = tag.drop(while: { $0 == "/" }).prefix(while: { $0.isLetter || $0.isNumber }).lowercased()
                if name == "script" || name == "style" {
                    skipDepth += isClosing ? -1 : 1
                    skipDepth = max(skipDepth, 0)
                    continue
                }
                if skipDepth > 0 { continue }
                switch name {
                case "br": write("\n")
                case "blockquote":
                    newLine()
                    quoteDepth = max(0, quoteDepth + (isClosing ? -1 : 1))
                case "ul", "ol":
                    newLine()
                    if isClosing {
                        _ = lists.popLast()
                    } else if lists.count < 100 {
                        lists.append(
                            name == "ol" ? Int(attribute("start", in: tag) ?? "1").map { max(0, $0) } ?? 1 : nil)
                    }
                case "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "pre", "table":
                    newLine()
                case "tr":
                    if isClosing, !out.hasSuffix("\n") { out += "\n" }
                case "td", "th":
                    if !isClosing, !out.hasSuffix("\n"), !out.isEmpty, !out.hasSuffix(" | ") { out += " | " }
                case "li":
                    if !isClosing {
                        newLine()
                        let indent = String(repeating: "  ", count: max(0, lists.count - 1))
                        if let next = lists.last ?? nil {
                            write(indent + "\(next). ")
                            lists[lists.count - 1] = next + 1
                        } else {
                            write(indent + "- ")
                        }
                    }
                case "hr": out += (out.hasSuffix("\n") || out.isEmpty ? "" : "\n") + "---\n"
                case "a" where !isClosing && tag.hasSuffix("/"):
                    // A self-closing link holds no text: an Asana mention written `<a data-asana-gid="…"/>`.
                    if let gid = attribute("data-asana-gid", in: tag) {
                        let type = attribute("data-asana-type", in: tag) ?? "object"
                        write(type == "user" ? "@\(gid)" : "[\(type) \(gid)]")
                    }
                case "a":
                    if isClosing {
                        let text = linkText.popLast() ?? ""
                        let href = linkHref.popLast() ?? nil
                        if let href, !href.isEmpty, href != text, !href.hasPrefix("#"),
                            text.lowercased() != "mailto:" + href.lowercased()
                        {
                            write(text + " (\(href))")
                        } else {
                            write(text)
                        }
                    } else {
                        // Shown to a reader: %20 reads as a space. Asana's mentions and object links
                        // (`data-asana-type`) read as their text alone, as Asana shows them.
                        let isAsanaObject = attribute("data-asana-type", in: tag) != nil
                        linkHref.append(
                            isAsanaObject
                                ? nil
                                : attribute("href", in: tag).map { href in
                                    var shown = CharacterReference.decodeAll(href.removingPercentEncoding ?? href)
                                    if shown.lowercased().hasPrefix("mailto:") { shown.removeFirst(7) }
                                    return shown
                                })
                        linkText.append("")
                    }
                case "img":
                    let alt =
                        attribute("alt", in: tag).flatMap { $0.isEmpty ? nil : $0 } ?? attribute("src", in: tag) ?? ""
                    write("[image: \(alt)]")
                default: break
                }
                continue
            }
            if skipDepth > 0 {
                chars = chars.dropFirst()
                continue
            }
            if c == "&", let reference = CharacterReference.decode(after: chars.dropFirst()) {
                write(reference.text)
                chars = chars.dropFirst(reference.length + 1)
                continue
            }
            write(String(c))
            chars = chars.dropFirst()
        }
        while let text = linkText.popLast() { out += text }
        // Collapse runs of blank lines and trailing spaces.
        let lines = out.split(separator: "\n", omittingEmptySubsequences: false).map {
            String($0).trimmingTrailingWhitespace()
        }
        var result: [String] = []
        for line in lines where !(line.isEmpty && (result.last?.isEmpty ?? true)) { result.append(line) }
        return result.joined(separator: "\n").trimmingTrailingWhitespace()
    }

    /// The longest comment or CDATA section looked for, in HTML and in Markdown's raw HTML (hostile
    /// text never makes a flattener rescan).
    static let maxCommentLength = 65_536

    /// Where the comment (`<!-- … -->`, `<!-->`) or CDATA section starting at `start` ends: the index
    /// after it; the rest of the text when it never closes. `nil` when none starts there.
    static func commentEnd(_ chars: [Character], at start: Int) -> Int? {
        func starts(_ text: String) -> Bool { chars.hasText(text, at: start) }
        if starts("<!-->") { return start + 5 }
        if starts("<!--->") { return start + 6 }
        let opener = starts("<!--") ? 4 : starts("<![CDATA[") ? 9 : 0
        guard opener > 0 else { return nil }
        let closer = opener == 4 ? "-->" : "]]>"
        return chars.firstIndex(ofText: closer, from: start + opener, within: maxCommentLength).map { $0 + 3 }
            ?? min(chars.count, start + opener + maxCommentLength)
    }

    /// How far a tag is read for quoted attribute values (hostile input only).
    static let maxQuotedLength = 1024

    /// The `>` that ends the tag starting at `start`: the first one (`firstClose`) unless it stands in a
    /// quoted attribute value (`title="a > b"`), then the first after the value; the first one when
    /// no value closes soon.
    static func tagEnd(_ chars: [Character], from start: Int, firstClose: Int) -> Int? {
        var quote: Character?
        var previous: Character = " "
        let limit = min(chars.count, start + maxQuotedLength)
        var index = start + 1
        while index < limit {
            let c = chars[index]
            if let open = quote {
                if c == open { quote = nil }
            } else if c == ">" {
                return index
            } else if c == "\"" || c == "'", previous == "=" {
                quote = c
            }
            if !c.isWhitespace { previous = c }
            index += 1
        }
        return firstClose
    }

    static func attribute(_ name: String, in tag: String) -> String? {
        let lower = tag.lowercased()
        guard let range = lower.range(of: name + "=") else { return nil }
        var rest = tag[range.upperBound...]
        guard let quote = rest.first else { return nil }
        if quote == "\"" || quote == "'" {
            rest = rest.dropFirst()
            return String(rest.prefix(while: { $0 != quote }))
        }
        return String(rest.prefix(while: { !$0.isWhitespace && $0 != ">" }))
    }

}
