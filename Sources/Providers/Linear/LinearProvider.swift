import Foundation
import ImportCore

/// Linear: teams, issues with their comments (threaded), sub-issues, attachments and labels, over
/// Linear's GraphQL API. A personal API key goes in `Authorization` as it is; an OAuth token after
/// `Bearer`. See `Providers/linear/README.md` for what maps where and what Linear cannot carry.
public struct LinearProvider: Provider {
    /// The provider's id in configs and connections.
    public static let id = "linear"
    /// Linear's GraphQL endpoint.
    public static let baseURL = "https://api.linear.app/graphql"

    /// The provider.
    public init() {}

    /// What Linear offers and how it authenticates.
    public var descriptor: ProviderDescriptor {
        ProviderDescriptor(
            id: Self.id, displayName: "Linear", authKinds: [.apiKey, .personalAccessToken],
            defaultBaseURL: Self.baseURL, verifyEndpoint: "POST /graphql { viewer organization }",
            pagination: "relay connections (first/after) newest first; the cursor keeps a keyset (updatedAt, ids)",
            containerNoun: "team", childKinds: [.comment, .attachment], readiness: .ready)
    }

    /// A connection with `settings`: a personal API key (`--key-stdin`) or an OAuth token
    /// (`--pat-stdin`); the endpoint gets `/graphql` when only the host is given.
    public func connect(_ settings: ConnectionSettings) throws -> any ProviderConnection {
        guard settings.credentials.kind == .apiKey || settings.credentials.kind == .personalAccessToken else {
            throw ProviderError(
                provider: Self.id, kind: .configuration,
                message:
                    "Linear takes a personal API key (sent as the whole Authorization header) or an OAuth token (sent as Bearer), not an email and token",
                hint:
                    "Create a key under Linear → Settings → Security & access → Personal API keys and connect with --key-stdin."
            )
        }
        var adjusted = settings
        if settings.baseURL.path.isEmpty || settings.baseURL.path == "/" {
            adjusted = try ConnectionSettings(
                baseURL: settings.baseURL.absoluteString + "/graphql", credentials: settings.credentials,
                options: settings.options, requestLog: settings.requestLog)
        }
        return LinearConnection(settings: adjusted)
    }

    /// Checks the config's filter: an `IssueFilter` as a JSON object.
    public func validate(_ query: RecordQuery) throws {
        if let filter = query.filter, !filter.trimmingCharacters(in: .whitespaces).isEmpty {
            _ = try LinearFilterBuilder.parse(filter)
        }
    }
}
