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

    /// A descriptor for the scripted id.
    public var descriptor: ProviderDescriptor {
        ProviderDescriptor(
            id: id, displayName: "Scripted", authKinds: [.apiKey], defaultBaseURL: "https://scripted.invalid",
            verifyEndpoint: "none (scripted)", pagination: "scripted", containerNoun: "container", childKinds: [],
            readiness: .ready)
    }

    /// A connection serving the script.
    public func connect(_ settings: ConnectionSettings) throws -> any ProviderConnection {
        ScriptedConnection(provider: self, siteURL: settings.baseURL.absoluteString)
    }
}
