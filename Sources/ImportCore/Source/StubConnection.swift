/// The connection of a provider whose network part is not written yet: every call that needs the
/// source fails with a typed `notImplemented` error naming the provider and the missing part.
/// Everything that needs no server (auth headers, request building, page parsing, mapping) works.
public struct StubConnection: ProviderConnection {
    /// The stub provider's id.
    public let provider: String
    /// The site it would talk to.
    public let siteURL: String

    /// A stub connection.
    public init(provider: String, siteURL: String) {
        self.provider = provider
        self.siteURL = siteURL
    }

    /// Nothing was requested.
    public var metrics: RequestMetrics { RequestMetrics() }

    func missing(_ part: String) -> ProviderError { .notImplemented(provider: provider, part: part) }

    /// Fails: verification is not built yet.
    public func verify() async throws -> Account { throw missing("verifying credentials over HTTP") }
    /// A stub cannot tell its workspace without fetching from the source: a run stops here, before
    /// anything is written.
    public func sourceInstance() async throws -> String { throw missing("fetching records over HTTP") }
    /// Fails: listing is not built yet.
    public func containers() async throws -> [Container] { throw missing("listing containers over HTTP") }
    /// No fields: custom fields are not built yet.
    public func fieldCatalog() async throws -> [SourceField] { [] }
    /// Fails: reading records is not built yet.
    public func page(_ query: RecordQuery, from cursor: PageCursor?) async throws -> RecordPage {
        throw missing("fetching records over HTTP")
    }
    /// Fails: listing ids is not built yet.
    public func recordIDs(in containers: [String]) async throws -> Set<String> {
        throw missing("listing record ids for delete reconciliation")
    }
    /// Fails: reference data is not built yet.
    public func referenceData() async throws -> [ReferenceRecord] { throw missing("reading reference data") }
}
