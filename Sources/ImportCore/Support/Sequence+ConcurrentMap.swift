extension Collection where Self: Sendable, Element: Sendable, Index: Sendable {
    /// `transform` applied to every element, at most `limit` at once, the results in the
    /// collection's order: a page's child reads overlap without a storm of requests. The first
    /// error cancels the rest and is thrown.
    public func concurrentMap<Result: Sendable>(
        limit: Int, _ transform: @escaping @Sendable (Element) async throws -> Result
    ) async throws -> [Result] {
        let indices = Array(self.indices)
        var results = [Result?](repeating: nil, count: indices.count)
        try await withThrowingTaskGroup(of: (Int, Result).self) { group in
            var next = 0
            func launch() {
                guard next < indices.count else { return }
                let position = next
                let element = self[indices[position]]
                next += 1
                group.addTask { (position, try await transform(element)) }
            }
            for _ in 0..<Swift.max(1, limit) { launch() }
            while let (position, result) = try await group.next() {
                results[position] = result
                launch()
            }
        }
        return results.compactMap { $0 }
    }
}
