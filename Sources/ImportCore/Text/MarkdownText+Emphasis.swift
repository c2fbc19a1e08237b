// Emphasis delimiters, paired as CommonMark pairs them.
extension MarkdownText {
    /// Removes the emphasis delimiters (`*`, `_`, `~` runs) that open and close as CommonMark pairs
    /// them (a run opens before a word and closes after one; `_` never inside a word; the rule of
    /// three), in one pass with a stack per mark; unpaired ones stay as text.
    static func resolveEmphasis(_ chars: [Character], literal: Set<Int>) -> [Character] {
        struct Run {
            let mark: Character
            var start: Int
            var count: Int
            /// The run's whole length, and whether it could close as well as open.
            let length: Int
            let both: Bool
        }
        var remove = Set<Int>()
        var openers: [Run] = []
        var index = 0
        func isSpace(_ c: Character) -> Bool { c.isWhitespace }
        func isPunct(_ c: Character) -> Bool { c.isPunctuation || c.isSymbol }
        while index < chars.count {
            let c = chars[index]
            guard c == "*" || c == "_" || c == "~", !literal.contains(index) else {
                index += 1
                continue
            }
            var end = index
            while end < chars.count, chars[end] == c, !literal.contains(end) { end += 1 }
            let before: Character = index > 0 ? chars[index - 1] : " "
            let after: Character = end < chars.count ? chars[end] : " "
            let left = !isSpace(after) && (!isPunct(after) || isSpace(before) || isPunct(before))
            let right = !isSpace(before) && (!isPunct(before) || isSpace(after) || isPunct(after))
            let canOpen = c == "_" ? left && (!right || isPunct(before)) : left
            let canClose = c == "_" ? right && (!left || isPunct(after)) : right
            var count = end - index
            let length = count
            // CommonMark's rule of three: when either run could both open and close, their lengths may
            // not add up to a multiple of three unless both are multiples of three.
            func pairs(_ opener: Run) -> Bool {
                guard opener.mark == c else { return false }
                guard c != "~", opener.both || canOpen else { return true }
                return (opener.length + length) % 3 != 0 || (opener.length % 3 == 0 && length % 3 == 0)
            }
            if canClose {
                while count > 0, let match = openers.lastIndex(where: pairs) {
                    var opener = openers[match]
                    let used = min(count, opener.count, 2)
                    for offset in 0..<used {
                        remove.insert(opener.start + opener.count - 1 - offset)
                        remove.insert(end - count + offset)
                    }
                    opener.count -= used
                    count -= used
                    openers.removeSubrange((match + 1)...)
                    if opener.count == 0 { openers.remove(at: match) } else { openers[match] = opener }
                }
            }
            if canOpen, count > 0 {
                openers.append(Run(mark: c, start: end - count, count: count, length: length, both: canClose))
            }
            index = end
        }
        guard !remove.isEmpty else { return chars }
        return chars.indices.filter { !remove.contains($0) }.map { chars[$0] }
    }
}
