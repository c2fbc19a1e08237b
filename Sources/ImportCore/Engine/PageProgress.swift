/// Watches the cursors of one run's pages for a loop or an endless run of empty pages.
struct PageProgress {
    /// Empty pages in a row, each with a next cursor, before a run is declared stuck.
    static let maxEmptyPages = 100

    let provider: String
    private var cursors = Set<String>()
    private var emptyPages = 0

    init(provider: String, startingAt cursor: PageCursor?) {
        self.provider = provider
        if let cursor { cursors.insert(cursor.value) }
    }

    /// Records `page`; throws when its next cursor was handed out before or too many empty pages passed.
    mutating func check(_ page: RecordPage) throws(NoProgressError) {
        guard let next = page.next else { return }
        guard cursors.insert(next.value).inserted else {
            throw NoProgressError(
                provider: provider, detail: "the source handed out a page cursor it had handed out before")
        }
        if page.records.isEmpty {
            emptyPages += 1
            if emptyPages >= Self.maxEmptyPages {
                throw NoProgressError(
                    provider: provider, detail: "\(emptyPages) empty pages in a row, each saying more would follow")
            }
        } else {
            emptyPages = 0
        }
    }
}
