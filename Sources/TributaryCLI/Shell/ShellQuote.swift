/// Words quoted for a POSIX shell, so that a printed command runs as printed.
enum ShellQuote {
    /// Characters that never need quoting.
    private static let plain = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_./=:@%+,")

    /// `word` as is when it is safe, else in single quotes (a quote inside written as `'\''`).
    static func quoted(_ word: String) -> String {
        if !word.isEmpty, word.allSatisfy({ plain.contains($0) }) { return word }
        return "'" + word.replacingOccurrences(of: "'", with: #"'\''"#) + "'"
    }
}
