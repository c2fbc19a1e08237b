import Foundation

/// How a provider authenticates a request. The raw value is what the `connections.auth_kind` column holds.
public enum AuthKind: String, Sendable, Hashable, CaseIterable, Codable {
    /// An account email plus an API token, sent as HTTP Basic (Jira Cloud, scoped or unscoped).
    case emailToken = "email-token"
    /// A personal access token sent as `Authorization: Bearer …` (Jira Data Center, Asana).
    case personalAccessToken = "pat"
    /// An API key sent as the whole `Authorization` header, without a scheme (Linear, ClickUp).
    case apiKey = "api-key"

    /// A short phrase for people: what to paste.
    public var humanName: String {
        switch self {
        case .emailToken: return "email + API token"
        case .personalAccessToken: return "personal access token (Bearer)"
        case .apiKey: return "API key (raw Authorization header)"
        }
    }
}
