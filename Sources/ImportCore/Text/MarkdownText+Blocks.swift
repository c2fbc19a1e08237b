// Block structure: list markers and thematic breaks.
extension MarkdownText {
    /// A list item's marker as the other flatteners write it: `*` and `+` bullets read `- `, `3)` and
    /// `003.` read `3. `; anything else is returned as it is.
    static func normalizedListMarker(_ line: String) -> String {
        let indent = line.prefix { $0 == " " }
        let rest = line.dropFirst(indent.count)
        if let first = rest.first, first == "*" || first == "+", rest.dropFirst().first == " " {
            return indent + "- " + rest.dropFirst(2)
        }
        let digits = rest.prefix { $0.isASCII && $0.isNumber }
        guard !digits.isEmpty, digits.count <= 9, let delimiter = rest.dropFirst(digits.count).first,
            delimiter == "." || delimiter == ")", rest.dropFirst(digits.count + 1).first == " ",
            let number = Int(digits)
        else { return line }
        return indent + "\(number). " + rest.dropFirst(digits.count + 2)
    }

    /// `---`, `***`, `___` and their spaced forms (`- - -`): three or more of one mark.
    static func isThematicBreak(_ line: String) -> Bool {
        let marks = line.filter { $0 != " " && $0 != "\t" }
        guard marks.count >= 3, let first = marks.first, "-*_".contains(first) else { return false }
        return marks.allSatisfy { $0 == first }
    }

    static func isListOrQuote(_ line: String) -> Bool {
        if line.hasPrefix(">") || line.hasPrefix("- ") || line.hasPrefix("* ") || line.hasPrefix("+ ") { return true }
        let digits = line.prefix { $0.isNumber }
        return !digits.isEmpty && digits.count <= 9
            && (line.dropFirst(digits.count).hasPrefix(". ") || line.dropFirst(digits.count).hasPrefix(") "))
    }
}
