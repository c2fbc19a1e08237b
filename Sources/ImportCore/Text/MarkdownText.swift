import Foundation

/// Flattens Markdown (Linear descriptions and comments, ClickUp's `markdown_description`) to plain text:
/// heading markers (ATX and setext) and emphasis go, links read `text (url)` (reference links too,
/// their definitions go), autolinks their address, images `[image: alt]`, inline HTML tags go,
/// entities are decoded, code fences go but their code stays, list markers and quotes stay as they
/// read well in plain text.
public enum MarkdownText {
    /// The text of a Markdown document, without its markup.
    public static func plainText(_ markdown: String) -> String {
        plainText(
            lines: markdown.split(separator: "\n", omittingEmptySubsequences: false).map { line in
                line.hasSuffix("\r") ? String(line.dropLast()) : String(line)
            }, quoteDepth: 0)
    }

    /// Block quotes nested deeper than this are read as text (hostile input only).
    static let maxQuoteDepth = 32

    static func plainText(lines source: [String], quoteDepth: Int) -> String {
        let (references, definitionLines) = linkReferences(source)
        var lines: [String] = []
        /// The lines of the paragraph being read: its inline markup may span them (`*a\nb*`).
        var paragraph: [String] = []
        func flushParagraph() {
            guard !paragraph.isEmpty else { return }
            lines += inline(paragraph.joined(separator: "\n"), references: references)
                .split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            paragraph = []
        }
        func output(_ line: String) {
            flushParagraph()
            lines.append(line)
        }
        /// The open code fence's mark and length (a fence closes only with the same mark, as long).
        var fence: (mark: Character, length: Int)?
        var paragraphOpen = false
        /// An open raw HTML block: what ends it (`nil`: a blank line) and its lines so far.
        var htmlBlock: (end: String?, lines: [String])?
        func closeHTMLBlock() {
            guard let block = htmlBlock else { return }
            flushParagraph()
            let text = HTMLText.plainText(block.lines.joined(separator: "\n"))
            if !text.isEmpty { lines += text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) }
            htmlBlock = nil
        }
        var consumedUntil = 0
        /// The column the content of the list item being read starts at: its lines are indented
        /// that far, and indented code inside it four columns further.
        var listContent: Int?
        /// Whether the line before was text a following line may continue (a paragraph's, a list item's).
        var continuable = false
        for (number, line) in source.enumerated() {
            if number < consumedUntil { continue }
            let (indent, trimmed) = indentation(line[...])
            // A block quote: its lines (and lazy continuation lines) without one `>`, read as Markdown
            // of their own, each line then quoted again.
            if fence == nil, htmlBlock == nil, trimmed.first == ">", indent <= 3, quoteDepth < maxQuoteDepth {
                var inner: [String] = []
                var end = number
                var lazyAllowed = false
                while end < source.count {
                    let (candidateIndent, candidate) = indentation(source[end][...])
                    if candidate.first == ">", candidateIndent <= 3 {
                        var content = candidate.dropFirst()
                        if content.first == " " { content = content.dropFirst() }
                        inner.append(String(content))
                        let bare = content.trimmingCharacters(in: .whitespaces)
                        lazyAllowed =
                            !bare.isEmpty && !bare.hasPrefix("```") && !bare.hasPrefix("~~~")
                            && indentation(content).columns < 4
                    } else if lazyAllowed, !candidate.trimmingCharacters(in: .whitespaces).isEmpty,
                        candidateIndent >= 4
                            || (!isThematicBreak(String(candidate)) && !isListOrQuote(String(candidate))
                                && !candidate.hasPrefix("#") && !candidate.hasPrefix("```"))
                    {
                        inner.append(String(candidate))
                    } else {
                        break
                    }
                    end += 1
                }
                consumedUntil = end
                paragraphOpen = false
                let text = plainText(lines: inner, quoteDepth: quoteDepth + 1)
                for quoted in text.split(separator: "\n", omittingEmptySubsequences: false) {
                    output(quoted.isEmpty ? "" : "> " + quoted)
                }
                continue
            }
            // Raw HTML blocks are HTML, not Markdown: their text is read by the HTML flattener.
            if var block = htmlBlock {
                if let end = block.end {
                    block.lines.append(line)
                    htmlBlock = block
                    if line.lowercased().contains(end) { closeHTMLBlock() }
                    continue
                }
                if line.trimmingCharacters(in: .whitespaces).isEmpty {
                    closeHTMLBlock()
                } else {
                    block.lines.append(line)
                    htmlBlock = block
                    continue
                }
            }
            if fence == nil, definitionLines.contains(number) {
                flushParagraph()
                paragraphOpen = false
                continuable = false
                continue
            }
            if fence == nil, indent <= 3,
                let end = htmlBlockStart(String(trimmed), paragraphOpen: paragraphOpen || continuable)
            {
                htmlBlock = (end.isEmpty ? nil : end, [line])
                paragraphOpen = false
                if !end.isEmpty, line.lowercased().contains(end),
                    line.lowercased().range(of: end)?.lowerBound != line.lowercased().startIndex || end == ">"
                {
                    closeHTMLBlock()
                }
                continue
            }
            if let mark = trimmed.first, mark == "`" || mark == "~", indent <= 3 {
                let run = trimmed.prefix { $0 == mark }.count
                let info = trimmed.dropFirst(run)
                if let open = fence {
                    if open.mark == mark, run >= open.length, info.allSatisfy({ $0 == " " || $0 == "\t" }) {
                        fence = nil
                        continue
                    }
                } else if run >= 3, !(mark == "`" && info.contains("`")) {
                    fence = (mark, run)
                    paragraphOpen = false
                    flushParagraph()
                    continue
                }
            }
            if fence != nil {
                output(line)
                continue
            }
            let bare = String(trimmed).trimmingTrailingWhitespace()
            if !bare.isEmpty, let column = listContent, indent < column, listMarker(trimmed) == nil, !continuable {
                listContent = nil
            }
            // Indented four columns past where the text may stand: a paragraph's continuation, or code.
            let codeIndent = (listContent ?? 0) + 4
            if !bare.isEmpty, indent >= codeIndent {
                if paragraphOpen {
                    paragraph.append(String(trimmed))
                } else if continuable {
                    paragraph.append(line)
                } else {
                    output(removingIndentation(codeIndent, from: line))
                }
                continue
            }
            // A setext underline below a paragraph line makes it a heading: the underline goes.
            if paragraphOpen, !bare.isEmpty, bare.allSatisfy({ $0 == "=" }) || bare.allSatisfy({ $0 == "-" }) {
                paragraphOpen = false
                flushParagraph()
                continue
            }
            let wasParagraph = paragraphOpen
            paragraphOpen = false
            continuable = false
            if let heading = atxHeading(trimmed) {
                output(inline(heading, references: references))
                continue
            }
            if isThematicBreak(bare) {
                output("---")
                continue
            }
            if let marker = listMarker(trimmed), !marker.content.isEmpty || !wasParagraph {
                listContent = indent + marker.contentColumn
                continuable = !marker.content.isEmpty
                if let mark = marker.content.first, mark == "`" || mark == "~" {
                    let run = marker.content.prefix { $0 == mark }.count
                    if run >= 3, !(mark == "`" && marker.content.dropFirst(run).contains("`")) {
                        // A fence opening the item: the item reads as its marker, the code below it.
                        fence = (mark, run)
                        continuable = false
                        output(
                            normalizedListMarker(
                                String(line.prefix(while: { $0 == " " })) + trimmed.prefix(marker.width)))
                        continue
                    }
                }
                // Checklists: "- [ ] x" and "- [x] x" keep their boxes.
                output(inline(normalizedListMarker(line), references: references))
                continue
            }
            if !bare.isEmpty, bare.first != ">" {
                paragraph.append(line)
                paragraphOpen = true
                continuable = true
                continue
            }
            output(inline(line, references: references))
        }
        closeHTMLBlock()
        flushParagraph()
        return lines.joined(separator: "\n").trimmingTrailingWhitespace()
    }
}
