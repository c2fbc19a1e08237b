import Foundation

// Block structure: indentation, list markers, headings and thematic breaks.
extension MarkdownText {
    /// A list item's marker as the other flatteners write it: `*` and `+` bullets read `- `, `3)` and
    /// `003.` read `3. `; anything else is returned as it is.
    static func normalizedListMarker(_ line: String) -> String {
        let indent = line.prefix { $0 == " " }
        let rest = line.dropFirst(indent.count)
        guard let marker = listMarker(rest) else { return line }
        var content = String(marker.content)
        if isThematicBreak(content) {
            content = "---"
        } else if let heading = atxHeading(marker.content) {
            content = heading
        }
        guard let number = Int(rest.prefix(marker.width - 1)) else { return indent + "- " + content }
        return indent + "\(number). " + content
    }

    /// `---`, `***`, `___` and their spaced forms (`- - -`): three or more of one mark.
    static func isThematicBreak(_ line: String) -> Bool {
        let marks = line.filter { $0 != " " && $0 != "\t" }
        guard marks.count >= 3, let first = marks.first, "-*_".contains(first) else { return false }
        return marks.allSatisfy { $0 == first }
    }

    /// Whether `line` (its indentation gone) starts a block quote or a list item with some text.
    static func isListOrQuote(_ line: String) -> Bool {
        line.hasPrefix(">") || listMarker(line[...]).map { !$0.content.isEmpty } ?? false
    }

    /// A list item's marker at the start of `line` (its indentation gone): the marker's width, the
    /// column its content starts at relative to the marker (one to four spaces after it; one when
    /// there are more, as those are indented code), and the content. `nil` when no marker starts there.
    static func listMarker(_ line: Substring) -> (width: Int, contentColumn: Int, content: Substring)? {
        var width = 0
        if let first = line.first, "-*+".contains(first) {
            width = 1
        } else {
            let digits = line.prefix { $0.isASCII && $0.isNumber }
            guard (1...9).contains(digits.count), let delimiter = line.dropFirst(digits.count).first,
                delimiter == "." || delimiter == ")"
            else { return nil }
            width = digits.count + 1
        }
        let after = line.dropFirst(width)
        guard after.isEmpty || after.first == " " || after.first == "\t" else { return nil }
        let (spaces, content) = indentation(after, from: width)
        if content.isEmpty || spaces > 4 { return (width, width + 1, content) }
        return (width, width + spaces, content)
    }

    /// How many columns of spaces and tabs (a tab reaching the next multiple of four) start `line`,
    /// which itself starts at column `start`, and what follows them.
    static func indentation(_ line: Substring, from start: Int = 0) -> (columns: Int, rest: Substring) {
        var column = start
        var rest = line
        while let first = rest.first, first == " " || first == "\t" {
            column = first == "\t" ? column + 4 - column % 4 : column + 1
            rest = rest.dropFirst()
        }
        return (column - start, rest)
    }

    /// `line` without its first `columns` columns of indentation (a tab that straddles them leaves
    /// the spaces it stands for beyond them).
    static func removingIndentation(_ columns: Int, from line: String) -> String {
        var column = 0
        var rest = line[...]
        while column < columns, let first = rest.first, first == " " || first == "\t" {
            let next = first == "\t" ? column + 4 - column % 4 : column + 1
            rest = rest.dropFirst()
            if next > columns { return String(repeating: " ", count: next - columns) + rest }
            column = next
        }
        return String(rest)
    }

    /// The text of an ATX heading line (its indentation gone): one to six `#`, then a space, a tab or
    /// nothing; a closing run of `#` goes when a space stands before it. `nil` when it is no heading.
    static func atxHeading(_ line: Substring) -> String? {
        let level = line.prefix { $0 == "#" }.count
        let text = line.dropFirst(level)
        guard (1...6).contains(level), text.isEmpty || text.first == " " || text.first == "\t" else { return nil }
        var content = text.trimmingCharacters(in: .whitespaces)[...]
        let closing = content.reversed().prefix { $0 == "#" }.count
        let before = content.dropLast(closing)
        if closing > 0, before.isEmpty || before.last == " " || before.last == "\t" {
            content = before
        }
        return content.trimmingCharacters(in: .whitespaces)
    }
}
