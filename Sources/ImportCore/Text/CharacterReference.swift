/// HTML character references (`&amp;`, `&#35;`, `&#x263A;`) as the flatteners read them, in Markdown
/// and HTML alike: a few common names, and numeric references of 1–7 decimal or 1–6 hex digits (as
/// CommonMark and HTML define them); NUL and what is no Unicode scalar read as U+FFFD. Anything else
/// is no reference and stays as written.
enum CharacterReference {
    /// The longest reference looked for after `&`, up to and including its `;`.
    static let maxLength = 33

    /// The reference that starts right after an `&`: its text and how many characters it takes
    /// (the `;` included); `nil` when none starts there.
    static func decode<Characters: Collection<Character>>(after amp: Characters) -> (text: String, length: Int)? {
        guard let semicolon = amp.prefix(maxLength).firstIndex(of: ";"), semicolon != amp.startIndex,
            let text = decode(String(amp[..<semicolon]))
        else { return nil }
        return (text, amp.distance(from: amp.startIndex, to: semicolon) + 1)
    }

    /// `text` with its references decoded (attribute values: `?a=1&amp;b=2`).
    static func decodeAll(_ text: String) -> String {
        guard text.contains("&") else { return text }
        var out = ""
        var rest = text[...]
        while let amp = rest.firstIndex(of: "&") {
            out += rest[..<amp]
            let after = rest[rest.index(after: amp)...]
            if let reference = decode(after: after) {
                out += reference.text
                rest = after.dropFirst(reference.length)
            } else {
                out += "&"
                rest = after
            }
        }
        return out + rest
    }

    /// The text of the reference named `entity` (what stands between `&` and `;`), if it is one.
    static func decode(_ entity: String) -> String? {
        switch entity {
        case "amp": return "&"
        case "lt": return "<"
        case "gt": return ">"
        case "quot": return "\""
        case "apos", "#39": return "'"
        case "nbsp": return " "
        case "mdash": return "—"
        case "ndash": return "–"
        case "hellip": return "…"
        case "copy": return "©"
        case "reg": return "®"
        case "trade": return "™"
        case "laquo": return "«"
        case "raquo": return "»"
        case "ouml": return "ö"
        case "auml": return "ä"
        case "uuml": return "ü"
        case "eacute": return "é"
        default: break
        }
        var digits = Substring(entity)
        var radix = 10
        var maxDigits = 7
        if entity.hasPrefix("#x") || entity.hasPrefix("#X") {
            digits = digits.dropFirst(2)
            radix = 16
            maxDigits = 6
        } else if entity.hasPrefix("#") {
            digits = digits.dropFirst()
        } else {
            return nil
        }
        guard (1...maxDigits).contains(digits.count), let code = UInt32(digits, radix: radix) else { return nil }
        guard code != 0, let scalar = Unicode.Scalar(code) else { return "\u{FFFD}" }
        return String(Character(scalar))
    }
}
