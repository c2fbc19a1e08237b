import Foundation

// Link reference definitions (`[label]: destination "title"`), as CommonMark reads them.
extension MarkdownText {
    /// The lines a definition may span at most, and the longest label (hostile input only).
    static let maxDefinitionLines = 64
    static let maxLabelLength = 999

    /// The link reference definitions that open a paragraph (outside code): label (see
    /// `referenceKey`) → destination as shown, and the lines that hold them. The first definition of
    /// a label wins.
    static func linkReferences(_ lines: [String]) -> ([String: String], Set<Int>) {
        var references: [String: String] = [:]
        var definitionLines = Set<Int>()
        var fence: Character?
        var paragraphOpen = false
        var number = 0
        while number < lines.count {
            let (indent, trimmed) = indentation(lines[number][...])
            defer { number += 1 }
            if indent <= 3, let mark = trimmed.first, mark == "`" || mark == "~",
                trimmed.hasPrefix(String(repeating: mark, count: 3))
            {
                if fence == nil {
                    fence = mark
                } else if fence == mark {
                    fence = nil
                }
                paragraphOpen = false
                continue
            }
            if fence != nil { continue }
            if trimmed.allSatisfy({ $0 == " " || $0 == "\t" }) {
                paragraphOpen = false
                continue
            }
            if !paragraphOpen, indent <= 3, trimmed.first == "[",
                let definition = definition(lines, from: number)
            {
                if references[definition.key] == nil { references[definition.key] = definition.destination }
                definitionLines.formUnion(number..<(number + definition.lines))
                number += definition.lines - 1
                continue
            }
            if indent < 4 || paragraphOpen {
                paragraphOpen = atxHeading(trimmed) == nil && !isThematicBreak(String(trimmed))
            }
        }
        return (references, definitionLines)
    }

    /// The definition that starts on line `first`: its label's key, its destination as shown, and how
    /// many lines it takes. A title that does not end its line leaves the definition without it when
    /// the destination ends its own line, and makes it no definition otherwise.
    static func definition(_ lines: [String], from first: Int) -> (key: String, destination: String, lines: Int)? {
        var text: [Character] = []
        for line in lines[first..<min(lines.count, first + maxDefinitionLines)] {
            if !text.isEmpty {
                guard !line.allSatisfy({ $0 == " " || $0 == "\t" }) else { break }
                text.append("\n")
            }
            text += line
        }
        var index = 0
        func skipSpaces() {
            while index < text.count, text[index] == " " || text[index] == "\t" { index += 1 }
        }
        /// Spaces and tabs with at most one line break among them; whether there were any.
        func skipWhitespace() -> Bool {
            let start = index
            skipSpaces()
            if index < text.count, text[index] == "\n" {
                index += 1
                skipSpaces()
            }
            return index > start
        }
        func atLineEnd() -> Bool {
            skipSpaces()
            return index == text.count || text[index] == "\n"
        }
        skipSpaces()
        guard index < text.count, text[index] == "[" else { return nil }
        index += 1
        var label = ""
        while index < text.count, text[index] != "]" {
            guard text[index] != "[", label.count < maxLabelLength else { return nil }
            if text[index] == "\\", index + 1 < text.count {
                label.append(text[index])
                index += 1
            }
            label.append(text[index])
            index += 1
        }
        guard index + 1 < text.count, text[index + 1] == ":", label.contains(where: { !isMarkdownWhitespace($0) })
        else { return nil }
        index += 2
        _ = skipWhitespace()
        guard let destination = definitionDestination(text, at: &index) else { return nil }
        let afterDestination = index
        let destinationEndsLine = atLineEnd()
        index = afterDestination
        if skipWhitespace(), definitionTitle(text, at: &index), atLineEnd() {
            return (referenceKey(label), shownDestination(destination), lineCount(text, upTo: index))
        }
        guard destinationEndsLine else { return nil }
        index = afterDestination
        _ = atLineEnd()
        return (referenceKey(label), shownDestination(destination), lineCount(text, upTo: index))
    }

    /// A definition's destination at `index`: `<…>` on one line (maybe empty), or a run without spaces
    /// whose parentheses balance; escapes read. `nil` when there is none.
    static func definitionDestination(_ text: [Character], at index: inout Int) -> String? {
        var destination = ""
        if index < text.count, text[index] == "<" {
            index += 1
            while index < text.count, text[index] != ">" {
                guard text[index] != "\n", text[index] != "<" else { return nil }
                if text[index] == "\\", index + 1 < text.count, isEscapable(text[index + 1]) { index += 1 }
                destination.append(text[index])
                index += 1
            }
            guard index < text.count else { return nil }
            index += 1
            // Something glued to the closing `>` makes it no destination.
            guard index == text.count || isMarkdownWhitespace(text[index]) else { return nil }
            return destination
        }
        var depth = 0
        while index < text.count, !isMarkdownWhitespace(text[index]),
            !(text[index].asciiValue.map { $0 < 0x20 } ?? false)
        {
            let c = text[index]
            if c == "\\", index + 1 < text.count, isEscapable(text[index + 1]) {
                destination.append(text[index + 1])
                index += 2
                continue
            }
            if c == "(" { depth += 1 }
            if c == ")" {
                guard depth > 0 else { return nil }
                depth -= 1
            }
            destination.append(c)
            index += 1
        }
        return destination.isEmpty || depth != 0 ? nil : destination
    }

    /// Skips a title (`"…"`, `'…'` or `(…)`, escapes inside) at `index`; whether there was one.
    static func definitionTitle(_ text: [Character], at index: inout Int) -> Bool {
        guard index < text.count, let opener = Optional(text[index]), "\"'(".contains(opener) else { return false }
        let closer: Character = opener == "(" ? ")" : opener
        index += 1
        while index < text.count, text[index] != closer {
            if opener == "(", text[index] == "(" { return false }
            if text[index] == "\\" { index += 1 }
            index += 1
        }
        guard index < text.count else { return false }
        index += 1
        return true
    }

    /// How many lines the text up to `end` spans.
    static func lineCount(_ text: [Character], upTo end: Int) -> Int {
        text[..<end].reduce(1) { $0 + ($1 == "\n" ? 1 : 0) }
    }

    /// A label as definitions and references are matched: case folded, inner whitespace one space.
    static func referenceKey(_ label: String) -> String {
        label.folding(options: .caseInsensitive, locale: nil).split(whereSeparator: isMarkdownWhitespace)
            .joined(separator: " ")
    }

    /// A link destination as a reader is shown it: entities decoded, `%20` a space; a fragment alone
    /// (`#top`) shows nothing.
    static func shownDestination(_ url: String) -> String {
        if url.hasPrefix("#") { return "" }
        return CharacterReference.decodeAll(url.removingPercentEncoding ?? url)
    }

    /// What a backslash escapes: ASCII punctuation.
    static func isEscapable(_ c: Character) -> Bool { c.isASCII && (c.isPunctuation || c.isSymbol) }

    /// Whitespace as Markdown means it: spaces, tabs and line breaks, not a no-break space.
    static func isMarkdownWhitespace(_ c: Character) -> Bool { c == " " || c == "\t" || c == "\n" || c == "\r" }
}
