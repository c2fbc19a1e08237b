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

/// A secret held only in memory. It never prints itself: `description` and string interpolation show
/// a placeholder, so a secret cannot reach a log line or an error message by accident.
public struct SecretString: Sendable, Hashable, CustomStringConvertible, CustomDebugStringConvertible {
    private let storage: [UInt8]

    public init(_ text: String) { storage = Array(text.utf8) }
    public init(bytes: [UInt8]) { storage = bytes }

    /// The secret's text, for the one place that must send it.
    public func reveal() -> String { String(decoding: storage, as: UTF8.self) }
    public var bytes: [UInt8] { storage }
    public var isEmpty: Bool { storage.isEmpty }

    public var description: String { "‹redacted›" }
    public var debugDescription: String { "‹redacted›" }
}

/// Everything needed to authenticate against one source account.
public struct Credentials: Sendable, Hashable {
    public let kind: AuthKind
    /// The account email for `emailToken`; `nil` otherwise.
    public let username: String?
    public let secret: SecretString

    public init(kind: AuthKind, username: String? = nil, secret: SecretString) {
        self.kind = kind
        self.username = username
        self.secret = secret
    }

    public static func emailToken(email: String, token: String) -> Credentials {
        Credentials(kind: .emailToken, username: email, secret: SecretString(token))
    }

    public static func personalAccessToken(_ token: String) -> Credentials {
        Credentials(kind: .personalAccessToken, secret: SecretString(token))
    }

    public static func apiKey(_ key: String) -> Credentials {
        Credentials(kind: .apiKey, secret: SecretString(key))
    }

    /// The `Authorization` header value for this kind of credential.
    public func authorizationHeader() -> String {
        switch kind {
        case .emailToken:
            let pair = Data("\(username ?? ""):\(secret.reveal())".utf8).base64EncodedString()
            return "Basic \(pair)"
        case .personalAccessToken:
            return "Bearer \(secret.reveal())"
        case .apiKey:
            return secret.reveal()
        }
    }

    /// Every string that must never appear in output: the secret and the encoded header.
    public var sensitiveStrings: [String] {
        let raw = secret.reveal()
        guard !raw.isEmpty else { return [] }
        var values = [raw, authorizationHeader()]
        if kind == .emailToken, let header = values.last, header.hasPrefix("Basic ") {
            values.append(String(header.dropFirst(6)))
        }
        return values
    }
}
