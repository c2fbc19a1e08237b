extension ProviderConnection {
    /// The site URL: for sources without an id of their own for a site.
    public func sourceInstance() async throws -> String { siteURL }

    /// The records as listed: for sources whose listings carry every child.
    public func complete(_ page: RecordPage, for query: RecordQuery) async throws -> RecordPage { page }

    /// The records matching `query` as an async stream of complete pages (listed, then completed),
    /// starting after `cursor`, one request at a time. Each element carries the cursor that resumes
    /// after it. `query.limit` counts over all pages. (The engine reads ahead with `PagePipeline`.)
    public func pages(_ query: RecordQuery, from cursor: PageCursor? = nil) -> AsyncThrowingStream<RecordPage, Error> {
        AsyncThrowingStream { continuation in
            let task = Task {
                var position = cursor
                var remaining = query.limit
                do {
                    repeat {
                        var pageQuery = query
                        pageQuery.limit = remaining
                        let page = try await self.complete(
                            try await self.page(pageQuery, from: position), for: pageQuery)
                        continuation.yield(page)
                        position = page.next
                        if let left = remaining {
                            remaining = left - page.records.count
                            if left - page.records.count <= 0 { position = nil }
                        }
                    } while position != nil && !Task.isCancelled
                    continuation.finish()
                } catch {
                    continuation.finish(throwing: error)
                }
            }
            continuation.onTermination = { _ in task.cancel() }
        }
    }
}
