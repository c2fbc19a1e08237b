/// "Did you mean …?" for names people type: transforms, targets, options, commands.
public enum Suggestions {
    /// The candidate a mistyped `word` most likely meant, or `nil` when none is close.
    /// A candidate that starts with the word (or that the word starts with) wins; otherwise the one at
    /// the smallest edit distance, when that distance is at most a third of the longer name (and ≥ 2)
    /// and leaves something of what was typed (`x` suggests nothing, rather than any two-letter name).
    public static func closest(_ word: String, among candidates: [String]) -> String? {
        let lowered = word.lowercased()
        guard !lowered.isEmpty else { return nil }
        let prefixed = candidates.filter {
            let candidate = $0.lowercased()
            return candidate.hasPrefix(lowered) || (lowered.hasPrefix(candidate) && candidate.count >= 3)
        }
        if let best = prefixed.min(by: { abs($0.count - word.count) < abs($1.count - word.count) }) { return best }
        let scored = candidates.map { ($0, editDistance(lowered, $0.lowercased())) }
        guard let best = scored.min(by: { $0.1 < $1.1 }) else { return nil }
        guard best.1 < word.count else { return nil }
        return best.1 <= max(2, max(word.count, best.0.count) / 3) ? best.0 : nil
    }

    /// Levenshtein distance between two texts.
    public static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a)
        let b = Array(b)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}
