extension String {
    /// The longest prefix of whole characters (grapheme clusters) that holds at most `limit`
    /// Unicode scalars: the length a database counts, without splitting an emoji sequence or a
    /// letter from its combining marks.
    public func prefix(scalars limit: Int) -> String {
        guard unicodeScalars.count > limit else { return self }
        var kept = 0
        var end = startIndex
        for character in self {
            let size = character.unicodeScalars.count
            guard kept + size <= limit else { break }
            kept += size
            end = index(after: end)
        }
        return String(self[..<end])
    }
}
