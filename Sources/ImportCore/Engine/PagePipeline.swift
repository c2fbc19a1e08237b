/// The pages of one run, read ahead of the writer: the next page's listing is asked for as soon as
/// this page's listing is in, and each page's children are completed (the provider's `complete`)
/// while the page before it is being written. So the source's listing chain never waits on child
/// requests, and neither waits on the destination. At most two pages are in flight besides the one
/// being written. Loops and endless empty pages end the run (`PageProgress`).
struct PagePipeline {
    private struct InFlight {
        let listing: Task<RecordPage, any Error>
        let completed: Task<RecordPage, any Error>
    }

    private let connection: any ProviderConnection
    private let query: RecordQuery
    private var remaining: Int?
    private var progress: PageProgress
    private var inFlight: InFlight?

    /// Starts fetching from `cursor` (`nil`: the beginning); `query.limit` counts over all pages.
    init(connection: any ProviderConnection, query: RecordQuery, from cursor: PageCursor?, provider: String) {
        self.connection = connection
        self.query = query
        self.remaining = query.limit
        self.progress = PageProgress(provider: provider, startingAt: cursor)
        if remaining.map({ $0 > 0 }) ?? true { inFlight = Self.fetch(connection, query, cursor) }
    }

    private static func fetch(_ connection: any ProviderConnection, _ query: RecordQuery, _ cursor: PageCursor?)
        -> InFlight
    {
        let listing = Task { try await connection.page(query, from: cursor) }
        let completed = Task { try await connection.complete(try await listing.value, for: query) }
        return InFlight(listing: listing, completed: completed)
    }

    /// The next complete page, or `nil` after the last. Its `next` is `nil` when the run asks for no
    /// more (the source's end, or the limit reached).
    mutating func next() async throws -> RecordPage? {
        guard let current = inFlight else { return nil }
        inFlight = nil
        let listed = try await current.listing.value
        try progress.check(listed)
        if let left = remaining { remaining = left - listed.records.count }
        let more = listed.next != nil && (remaining ?? 1) > 0
        if more {
            var next = query
            next.limit = remaining
            inFlight = Self.fetch(connection, next, listed.next)
        }
        let page = try await current.completed.value
        return RecordPage(records: page.records, next: more ? page.next : nil, estimatedTotal: page.estimatedTotal)
    }

    /// Stops what is still being fetched (the run ended early).
    func cancel() {
        inFlight?.listing.cancel()
        inFlight?.completed.cancel()
    }
}
