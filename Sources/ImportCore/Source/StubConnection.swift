/// The connection of a provider whose network part is not written yet: every call that needs the
/// source fails with a typed `notImplemented` error naming the provider and the missing part.
/// Everything that needs no server (auth headers, request building, page parsing, mapping) works.
public struct StubConnection: ProviderConnection {
    public let provider: String
    public let siteURL: String

    public init(provider: String, siteURL: String) {
        self.provider = provider
        self.siteURL = siteURL
    }

    public var metrics: RequestMetrics { RequestMetrics() }

    func missing(_ part: String) -> ProviderError { .notImplemented(provider: provider, part: part) }

    public func verify() async throws -> Account { throw missing("verifying credentials over HTTP") }
    /// A stub cannot tell its workspace without fetching from the source: a run stops here, before
    /// anything is written.
    public func sourceInstance() async throws -> String { throw missing("fetching records over HTTP") }
    public func containers() async throws -> [Container] { throw missing("listing containers over HTTP") }
    public func fieldCatalog() async throws -> [SourceField] { [] }
    public func page(_ query: RecordQuery, from cursor: PageCursor?) async throws -> RecordPage {
        throw missing("fetching records over HTTP")
    }
    public func recordIDs(in containers: [String]) async throws -> Set<String> {
        throw missing("listing record ids for delete reconciliation")
    }
    public func referenceData() async throws -> [ReferenceRecord] { throw missing("reading reference data") }
}
