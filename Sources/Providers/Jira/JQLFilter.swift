import ImportCore

/// Checks a JQL fragment from a run config before it is combined with the import's own bounds.
///
/// The fragment is wrapped in parentheses and joined to the project, date and keyset clauses by AND;
/// a fragment such as `labels is EMPTY) OR (project = OPS` would close that parenthesis early and
/// cancel every bound. So parentheses must balance and string literals must end, both judged outside
/// literals (`"a (b"` is one literal), and a trailing `ORDER BY` (the import decides the order) is cut
/// at its top-level position, never inside a literal.
public enum JQLFilter {
    /// The fragment ready to wrap, without its `ORDER BY`; `nil` when nothing is left.
    public static func clause(_ fragment: String) throws(ProviderError) -> String? {
        let characters = Array(fragment)
        var depth = 0
        var quote: Character?
        var escaped = false
        var orderBy: Int?
        var index = 0
        while index < characters.count {
            let character = characters[index]
            if let open = quote {
                if escaped {
                    escaped = false
                } else if character == "\\" {
                    escaped = true
                } else if character == open {
                    quote = nil
                }
                index += 1
                continue
            }
            switch character {
            case "\"", "'": quote = character
            case "(": depth += 1
            case ")":
                depth -= 1
                if depth < 0 {
                    throw refuse(fragment, "it closes a parenthesis it never opened (character \(index + 1))")
                }
            case "o", "O":
                if orderBy == nil, depth == 0, startsOrderBy(characters, at: index) { orderBy = index }
            default: break
            }
            index += 1
        }
        if quote != nil { throw refuse(fragment, "a string literal is never closed") }
        if depth != 0 { throw refuse(fragment, "\(depth) parenthes\(depth == 1 ? "is is" : "es are") never closed") }
        let kept = orderBy.map { String(characters[..<$0]) } ?? fragment
        let trimmed = kept.trimmedWhitespace()
        return trimmed.isEmpty ? nil : trimmed
    }

    /// Whether the word `ORDER`, then whitespace, then the word `BY` start at `index`.
    static func startsOrderBy(_ characters: [Character], at index: Int) -> Bool {
        func isWordCharacter(_ character: Character) -> Bool {
            character.isLetter || character.isNumber || character == "_"
        }
        func word(_ text: String, at start: Int) -> Int? {
            let letters = Array(text)
            guard start + letters.count <= characters.count else { return nil }
            for (offset, letter) in letters.enumerated()
            where characters[start + offset].lowercased() != String(letter) {
                return nil
            }
            let end = start + letters.count
            if end < characters.count, isWordCharacter(characters[end]) { return nil }
            return end
        }
        if index > 0, isWordCharacter(characters[index - 1]) { return false }
        guard var position = word("order", at: index), position < characters.count,
            characters[position].isWhitespace
        else { return false }
        while position < characters.count, characters[position].isWhitespace { position += 1 }
        return word("by", at: position) != nil
    }

    static func refuse(_ fragment: String, _ reason: String) -> ProviderError {
        ProviderError(
            provider: JiraProvider.id, kind: .configuration,
            message: "the JQL filter (source.jql) cannot be used: \(reason): \(fragment.prefix(200))",
            hint:
                "The filter is wrapped in parentheses and combined with the projects and date bounds by AND, so it must be one balanced expression; fix its parentheses and quotes."
        )
    }
}
