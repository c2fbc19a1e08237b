/// A source system Tributary imports from. A provider is a small, stateless factory: it describes
/// itself and opens connections; everything that talks to the source lives in `ProviderConnection`.
/// See docs/PROVIDER_CONTRACT.md for what a provider guarantees and docs/WRITING_A_PROVIDER.md for how to add one.
public protocol Provider: Sendable {
    var descriptor: ProviderDescriptor { get }

    /// Opens a connection to one account. Must not perform I/O; fails only for unusable settings
    /// (an unsupported auth kind, a URL that is not HTTPS).
    func connect(_ settings: ConnectionSettings) throws -> any ProviderConnection

    /// Checks a query's provider-native parts (a JQL filter) before a job starts, so a filter that
    /// cannot be used is a configuration error up front rather than a failed job.
    func validate(_ query: RecordQuery) throws
}

extension Provider {
    /// Accepts every query: providers without a native filter language have nothing to check.
    public func validate(_ query: RecordQuery) throws {}

    public var id: String { descriptor.id }
    public var displayName: String { descriptor.displayName }
    public var authKinds: [AuthKind] { descriptor.authKinds }

    /// Verifies credentials against the source and returns the account they belong to.
    public func verify(_ credentials: Credentials, at baseURL: String, options: ConnectionOptions = .init())
        async throws -> Account
    {
        let settings = try ConnectionSettings(baseURL: baseURL, credentials: credentials, options: options)
        return try await connect(settings).verify()
    }
}

/// A live, authenticated link to one source account.
public protocol ProviderConnection: Sendable {
    /// Checks the credentials (`GET /myself` or the like); on failure throws `ProviderError` with
    /// the source's own message verbatim and a hint.
    func verify() async throws -> Account

    /// Every container the account can see, all pages.
    func containers() async throws -> [Container]

    /// The fields the source knows (for custom fields named by display name). Empty when not applicable.
    func fieldCatalog() async throws -> [SourceField]

    /// One page of records matching `query`, starting at `cursor` (`nil`: the beginning).
    func page(_ query: RecordQuery, from cursor: PageCursor?) async throws -> RecordPage

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
}

extension ProviderConnection {
    /// The site URL: for sources without an id of their own for a site.
    public func sourceInstance() async throws -> String { siteURL }

    /// The records matching `query` as an async stream of pages, starting after `cursor`.
    /// Each element carries the cursor that resumes after it. `query.limit` counts over all pages.
    public func pages(_ query: RecordQuery, from cursor: PageCursor? = nil) -> AsyncThrowingStream<RecordPage, Error> {
        AsyncThrowingStream { continuation in
            let task = Task {
                var position = cursor
                var remaining = query.limit
                do {
                    repeat {
                        var pageQuery = query
                        pageQuery.limit = remaining
                        let page = try await self.page(pageQuery, from: position)
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
