/// Text made safe for a terminal: what a source sends (names, keys, messages) may carry control
/// characters that retitle the window, clear the screen or move the cursor. Everything the CLI
/// prints goes through `sanitized`; the CLI's own redraws add their control sequences afterwards.
enum TerminalText {
    /// `text` without control characters (C0 but newline and tab, DEL, C1) and without the bidirectional
    /// overrides that make a line read differently from what it holds.
    static func sanitized(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: isUnsafe) else { return text }
        var scalars = String.UnicodeScalarView()
        scalars.append(contentsOf: text.unicodeScalars.filter { !isUnsafe($0) })
        return String(scalars)
    }

    static func isUnsafe(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x0A, 0x09: return false
        case 0x00...0x1F, 0x7F...0x9F: return true
        case 0x202A...0x202E, 0x2066...0x2069: return true
        default: return false
        }
    }
}
