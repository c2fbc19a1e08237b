extension Array where Element == Character {
    /// Whether `needle` stands at `start`, whole.
    func hasText(_ needle: String, at start: Int) -> Bool {
        let pattern = Array(needle)
        return start >= 0 && start + pattern.count <= count && Array(self[start..<(start + pattern.count)]) == pattern
    }

    /// Where `needle` starts at or after `start`, looking at most `within` characters ahead (the
    /// flatteners' bounded look-ahead: hostile text never makes them rescan it all).
    func firstIndex(ofText needle: String, from start: Int, within: Int) -> Int? {
        let pattern = Array(needle)
        guard let first = pattern.first else { return nil }
        let limit = Swift.min(count - pattern.count, start + within)
        guard start <= limit else { return nil }
        for index in start...limit where self[index] == first {
            if pattern.count == 1 || Array(self[index..<(index + pattern.count)]) == pattern { return index }
        }
        return nil
    }
}
