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

    /// The provider's default mapping table (`Providers/<id>/mapping.json`), built into the binary so
    /// that it works from any folder; a table on disk overrides it.
    var shippedMappingTable: String? { get }
}
