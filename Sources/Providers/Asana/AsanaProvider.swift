import Foundation
import ImportCore

/// Asana (REST API 1.0): a personal access token as Bearer, projects as containers, tasks with their
/// subtasks, stories and attachments, incremental by `modified_since`, deletes by listing gids.
public struct AsanaProvider: Provider {
    /// The provider's id in configs and connections.
    public static let id = "asana"
    /// Asana's REST base.
    public static let baseURL = "https://app.asana.com/api/1.0"

    /// The provider.
    public init() {}

    /// What Asana offers and how it authenticates.
    public var descriptor: ProviderDescriptor {
        ProviderDescriptor(
            id: Self.id, displayName: "Asana", authKinds: [.personalAccessToken], defaultBaseURL: Self.baseURL,
            verifyEndpoint: "GET /users/me",
            pagination:
                "offset tokens (limit + next_page.offset); the cursor keeps the project and restarts it when an offset expired",
            containerNoun: "project",
            childKinds: [.comment, .attachment], readiness: .ready, maxConcurrentRequests: 8)
    }

    /// A connection with `settings`.
    public func connect(_ settings: ConnectionSettings) throws -> any ProviderConnection {
        guard settings.credentials.kind == .personalAccessToken else {
            throw ProviderError(
                provider: Self.id, kind: .configuration, message: "Asana takes a personal access token (Bearer)",
                hint: "Create one in Asana under My settings → Apps → Developer apps, and connect with --pat-stdin.")
        }
        return AsanaConnection(settings: settings)
    }
}
