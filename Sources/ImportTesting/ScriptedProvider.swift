import ImportCore

/// A provider whose pages come from a script: for tests of the engine and of destinations that need
/// a source with exact behaviour (a cursor that repeats, a page that fails) and no server at all.
public struct ScriptedProvider: Provider {
    /// Answers one listing request.
    public typealias Script = @Sendable (_ query: RecordQuery, _ cursor: PageCursor?) throws -> RecordPage

    /// The provider id the script's records carry.
    public let id: String
    let script: Script
    let ids: @Sendable () throws -> Set<String>

    /// A provider `id` answering pages with `script` and id listings with `ids`.
    public init(
        id: String = "scripted", ids: @escaping @Sendable () throws -> Set<String> = { [] },
        script: @escaping Script
    ) {
        self.id = id
        self.script = script
        self.ids = ids
    }

    public var descriptor: ProviderDescriptor {
        ProviderDescriptor(
            id: id, displayName: "Scripted", authKinds: [.apiKey], defaultBaseURL: "https://scripted.invalid",
            verifyEndpoint: "none (scripted)", pagination: "scripted", containerNoun: "container", childKinds: [],
            readiness: .ready)
    }

    public func connect(_ settings: ConnectionSettings) throws -> any ProviderConnection {
        ScriptedConnection(provider: self, siteURL: settings.baseURL.absoluteString)
    }
}

/// The connection of a `ScriptedProvider`.
struct ScriptedConnection: ProviderConnection {
    let provider: ScriptedProvider
    let siteURL: String

    var metrics: RequestMetrics { RequestMetrics() }

    func verify() async throws -> Account { Account(id: "scripted", displayName: "Scripted", email: nil) }
    func containers() async throws -> [Container] { [] }
    func fieldCatalog() async throws -> [SourceField] {
        throw ProviderError.notSupported(provider: provider.id, part: "field list")
    }
    func page(_ query: RecordQuery, from cursor: PageCursor?) async throws -> RecordPage {
        try provider.script(query, cursor)
    }
    func recordIDs(in containers: [String]) async throws -> Set<String> { try provider.ids() }
    func referenceData() async throws -> [ReferenceRecord] {
        throw ProviderError.notSupported(provider: provider.id, part: "reference data")
    }
}
