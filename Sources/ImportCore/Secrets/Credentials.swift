import Foundation

/// Everything needed to authenticate against one source account.
public struct Credentials: Sendable, Hashable {
    /// How the secret is presented to the source.
    public let kind: AuthKind
    /// The account email for `emailToken`; `nil` otherwise.
    public let username: String?
    /// The token, key or password.
    public let secret: SecretString

    /// Credentials of a kind.
    public init(kind: AuthKind, username: String? = nil, secret: SecretString) {
        self.kind = kind
        self.username = username
        self.secret = secret
    }

    /// An account email with an API token (Jira Cloud's Basic auth).
    public static func emailToken(email: String, token: String) -> Credentials {
        Credentials(kind: .emailToken, username: email, secret: SecretString(token))
    }

    /// A personal access token sent as a Bearer token (Jira Data Center, Asana).
    public static func personalAccessToken(_ token: String) -> Credentials {
        Credentials(kind: .personalAccessToken, secret: SecretString(token))
    }

    /// An API key sent as it is in `Authorization` (Linear's and ClickUp's personal keys).
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
