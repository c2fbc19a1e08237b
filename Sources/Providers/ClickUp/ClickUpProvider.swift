import Foundation
import ImportCore

/// ClickUp (REST API v2): a personal token (`pk_…`) as the whole Authorization header, or an OAuth
/// token as Bearer; lists as containers (named directly or through their folder or space), tasks
/// with their subtasks, comments and threaded replies, checklists, time entries and attachments,
/// incremental by `date_updated_gt`, deletes by listing task ids.
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
            id: Self.id, displayName: "ClickUp", authKinds: [.apiKey, .personalAccessToken],
            defaultBaseURL: Self.baseURL, verifyEndpoint: "GET /api/v2/user",
            pagination:
                "page numbers (100 tasks a page), read as a keyset of its own: date_updated_gt from the last task read, oldest update first",
            containerNoun: "list", childKinds: [.comment, .worklog, .attachment], readiness: .ready,
            maxConcurrentRequests: 8)
    }

    /// A connection with `settings`.
    public func connect(_ settings: ConnectionSettings) throws -> any ProviderConnection {
        switch settings.credentials.kind {
        case .apiKey:
            if !settings.credentials.secret.reveal().hasPrefix("pk_") {
                throw ProviderError(
                    provider: Self.id, kind: .configuration, message: "a ClickUp personal token starts with \"pk_\"",
                    hint:
                        "Copy the token from ClickUp under Settings → Apps → API Token (connect with --key-stdin), or connect an OAuth token with --pat-stdin."
                )
            }
        case .personalAccessToken:
            break
        case .emailToken:
            throw ProviderError(
                provider: Self.id, kind: .configuration,
                message: "ClickUp takes a personal token (pk_…) or an OAuth access token, not an email and token",
                hint:
                    "Create a personal token in ClickUp under Settings → Apps → API Token and connect with --key-stdin."
            )
        }
        return ClickUpConnection(settings: settings)
    }
}
