import ImportCore

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
