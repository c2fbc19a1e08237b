import Foundation
import ImportCore

/// Asana: registered with its auth, requests, pagination and mapping table; the token is verified
/// and the projects listed over HTTP, reading tasks is not built yet.
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
            verifyEndpoint: "GET /users/me", pagination: "offset tokens: limit + offset from next_page.offset",
            containerNoun: "project",
            readiness: .stub(
                works: [
                    "registration", "Bearer auth", "verifying the token (GET /users/me)",
                    "listing projects (every workspace, every page)", "request building", "page parsing",
                    "mapping table", "sandbox (`tributary sandbox asana`)",
                ],
                missing: ["HTTP fetching of tasks, subtasks, stories and attachments", "delete reconciliation"]))
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
