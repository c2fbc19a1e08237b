/// A live, authenticated link to one source account.
public protocol ProviderConnection: Sendable {
    /// Checks the credentials (`GET /myself` or the like); on failure throws `ProviderError` with
    /// the source's own message verbatim and a hint.
    func verify() async throws -> Account

    /// Every container the account can see, all pages.
    func containers() async throws -> [Container]

    /// The fields the source knows (for custom fields named by display name). Empty when not applicable.
    func fieldCatalog() async throws -> [SourceField]

    /// One page of records matching `query`, starting at `cursor` (`nil`: the beginning), as the
    /// source lists them: its `next` must be known without fetching any child.
    func page(_ query: RecordQuery, from cursor: PageCursor?) async throws -> RecordPage

    /// `page` with what its listing left out: child collections past their first page (comments,
    /// worklogs…) for the kinds in `query.children`, or the records themselves when the listing
    /// named them only. The engine lists the next page meanwhile, and stores the completed page's
    /// `next`, which may resume more exactly than the listing's.
    func complete(_ page: RecordPage, for query: RecordQuery) async throws -> RecordPage

    /// The ids of every record in `containers`, ignoring all other filters (for delete reconciliation).
    func recordIDs(in containers: [String]) async throws -> Set<String>

    /// Reference data (users, statuses, priorities…), when the source has any.
    func referenceData() async throws -> [ReferenceRecord]

    /// The human URL of the account's site, for templates such as `{baseUrl}/browse/{key}`.
    var siteURL: String { get }

    /// Which site, workspace or organisation this connection reads, as the provenance identity names
    /// it (`external_instance`): an id that stays the same when the URL changes where the source has
    /// one (Jira Cloud's cloud id), else the site URL. Two sites never share it.
    func sourceInstance() async throws -> String

    /// Requests made and retried so far on this connection.
    var metrics: RequestMetrics { get }

    /// How many pages the engine may list ahead of the writer (each completed meanwhile): more for a
    /// source whose pages are fetched in parallel (see the default in `ProviderConnection+Pacing`).
    var pagesInFlight: Int { get }

    /// What held the connection's pace back so far (latency, the server's budget, server errors),
    /// for the run's report; `nil` when it makes no requests of its own.
    func pacing() async -> AdaptiveConcurrency.Summary?

    /// Streams one attachment's content into a file (see the default in `ProviderConnection+Attachments`).
    func downloadAttachment(
        externalID: String, contentURL: String?, to path: String, maxBytes: Int, seconds: Double
    ) async throws -> Int
}
