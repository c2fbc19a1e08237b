/// Pages that do not move forward, whatever the provider: a cursor handed out before (a loop), or
/// empty pages that keep promising more. The engine stops such a run instead of looping forever.
public struct NoProgressError: Error, Sendable, CustomStringConvertible, CategorizedError {
    public var category: ErrorCategory { .failure }

    public let provider: String
    public let detail: String

    public var description: String {
        "\(provider): no progress: \(detail)\n  hint: the source kept answering without moving forward, so the import stopped instead of looping; what was committed is kept and a later run resumes from it. If it persists, run with --verbose and report it."
    }
}

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
