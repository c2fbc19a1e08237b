/// The pages of one run, read ahead of the writer: a producer lists page after page as fast as the
/// source answers, and has each page's children completed (the provider's `complete`) and its
/// records mapped as soon as its listing is in, while the writer works through the pages before it.
/// So the source's listing chain waits neither on child requests nor on the destination, as long as
/// at most three pages (then the connection's `pagesInFlight`, once its first page says how it
/// fetches) are listed and not yet written (memory stays bounded). Loops and endless empty pages
/// end the run (`PageProgress`).
struct PagePipeline {
    /// Pages listed and not yet written, the one being written included, before the first page.
    static let initialReadAhead = 3
    /// The most pages a connection may have listed ahead.
    static let maxReadAhead = 64

    /// A listed page on its way to the writer.
    private struct Listed: Sendable {
        let completed: Task<(RecordPage, [PageWrite.Record]), any Error>
        let more: Bool
    }

    private let producer: Task<Void, Never>
    private let permits: AsyncSemaphore
    /// Child completions started and perhaps still running, to stop with the run.
    private let completions = Locked<[Task<(RecordPage, [PageWrite.Record]), any Error>]>([])
    private var pages: AsyncThrowingStream<Listed, any Error>.AsyncIterator
    private var handedOut = false

    /// Starts fetching from `cursor` (`nil`: the beginning); `query.limit` counts over all pages.
    /// With `mapping`, each page's records are mapped on their way (the writer only writes).
    init(
        connection: any ProviderConnection, query: RecordQuery, from cursor: PageCursor?, provider: String,
        mapping: RecordImporter? = nil
    ) {
        let (stream, continuation) = AsyncThrowingStream.makeStream(of: Listed.self)
        let readAhead = Locked(Self.initialReadAhead)
        let permits = AsyncSemaphore(limit: Self.initialReadAhead)
        let completions = self.completions
        self.permits = permits
        self.pages = stream.makeAsyncIterator()
        producer = Task {
            var cursor = cursor
            var remaining = query.limit
            var progress = PageProgress(provider: provider, startingAt: cursor)
            do {
                while remaining.map({ $0 > 0 }) ?? true {
                    await permits.acquire()
                    try Task.checkCancellation()
                    var pageQuery = query
                    pageQuery.limit = remaining
                    let listed = try await connection.page(pageQuery, from: cursor)
                    try progress.check(listed)
                    // The first page says how the connection fetches: more places when in parallel.
                    let wanted = min(Self.maxReadAhead, max(1, connection.pagesInFlight))
                    let added = readAhead.update { current -> Int in
                        let more = max(0, wanted - current)
                        current += more
                        return more
                    }
                    for _ in 0..<added { await permits.release() }
                    if let left = remaining { remaining = left - listed.records.count }
                    let more = listed.next != nil && (remaining ?? 1) > 0
                    let completed = Task {
                        let page = try await connection.complete(listed, for: pageQuery)
                        return (page, mapping.map { page.records.map($0.callAsFunction) } ?? [])
                    }
                    completions.update { running in
                        running.append(completed)
                        let kept = readAhead.value
                        if running.count > kept { running.removeFirst(running.count - kept) }
                    }
                    continuation.yield(Listed(completed: completed, more: more))
                    guard more, let next = listed.next else { break }
                    cursor = next
                }
                continuation.finish()
            } catch {
                continuation.finish(throwing: error)
            }
        }
    }

    /// The next complete page with its mapped records (none without a mapping), or `nil` after the
    /// last. Its `next` is `nil` when the run asks for no more (the source's end, or the limit
    /// reached). Asking for it says the page before is written.
    mutating func next() async throws -> (page: RecordPage, records: [PageWrite.Record])? {
        if handedOut { await permits.release() }
        handedOut = true
        // A stream ends quietly when its task is cancelled: a stopped run must not read as finished.
        guard let listed = try await pages.next() else {
            try Task.checkCancellation()
            return nil
        }
        let (page, records) = try await listed.completed.value
        return (
            RecordPage(records: page.records, next: listed.more ? page.next : nil, estimatedTotal: page.estimatedTotal),
            records
        )
    }

    /// Stops what is still being fetched (the run ended early).
    func cancel() {
        producer.cancel()
        for completion in completions.value { completion.cancel() }
        let permits = self.permits
        // A producer waiting for a place wakes, sees the cancellation and ends.
        Task { for _ in 0..<Self.maxReadAhead { await permits.release() } }
    }
}
