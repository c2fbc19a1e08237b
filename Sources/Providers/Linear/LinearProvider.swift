import Foundation
import ImportCore

/// Linear: registered with its auth, GraphQL requests, pagination and mapping table; the HTTP part is a stub.
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
            id: Self.id, displayName: "Linear", authKinds: [.apiKey], defaultBaseURL: Self.baseURL,
            verifyEndpoint: "POST /graphql { viewer { id email name } }",
            pagination: "GraphQL connections: first + after, pageInfo { hasNextPage endCursor }", containerNoun: "team",
            readiness: .stub(
                works: [
                    "registration", "API key auth (no Bearer)", "GraphQL query building", "page parsing",
                    "mapping table",
                ],
                missing: ["HTTP fetching (issues, comments, children)", "sandbox"]))
    }

    /// A connection with `settings`.
    public func connect(_ settings: ConnectionSettings) throws -> any ProviderConnection {
        guard settings.credentials.kind == .apiKey else {
            throw ProviderError(
                provider: Self.id, kind: .configuration,
                message: "Linear takes a personal API key, sent as the whole Authorization header (not \"Bearer …\")",
                hint: "Create one in Linear under Settings → Security & access → Personal API keys.")
        }
        return StubConnection(provider: Self.id, siteURL: "https://linear.app")
    }
}
