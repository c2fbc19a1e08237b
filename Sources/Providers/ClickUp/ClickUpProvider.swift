import Foundation
import ImportCore

/// ClickUp: registered with its auth, requests, pagination and mapping table; the HTTP part is a stub.
public struct ClickUpProvider: Provider {
    /// The provider's id in configs and connections.
    public static let id = "clickup"
    /// ClickUp's REST base.
    public static let baseURL = "https://api.clickup.com/api/v2"

    /// The provider.
    public init() {}

    /// What ClickUp offers and how it authenticates.
    public var descriptor: ProviderDescriptor {
        ProviderDescriptor(
            id: Self.id, displayName: "ClickUp", authKinds: [.apiKey], defaultBaseURL: Self.baseURL,
            verifyEndpoint: "GET /api/v2/user", pagination: "page numbers: page=0,1,… until last_page is true",
            containerNoun: "list",
            readiness: .stub(
                works: [
                    "registration", "personal token auth (pk_…)", "request building", "page parsing", "mapping table",
                ],
                missing: ["HTTP fetching (tasks, comments)", "sandbox"]))
    }

    /// A connection with `settings`.
    public func connect(_ settings: ConnectionSettings) throws -> any ProviderConnection {
        guard settings.credentials.kind == .apiKey else {
            throw ProviderError(
                provider: Self.id, kind: .configuration,
                message: "ClickUp takes a personal API token (pk_…) as the Authorization header",
                hint: "Create one in ClickUp under Settings → Apps → API Token.")
        }
        if !settings.credentials.secret.reveal().hasPrefix("pk_") {
            throw ProviderError(
                provider: Self.id, kind: .configuration, message: "a ClickUp personal token starts with \"pk_\"",
                hint: "Copy the token from Settings → Apps → API Token.")
        }
        return StubConnection(provider: Self.id, siteURL: "https://app.clickup.com")
    }
}
