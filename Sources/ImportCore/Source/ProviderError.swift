/// A failure talking to a source, typed by what the user can do about it. It carries the source's own
/// messages verbatim (Jira's `errorMessages` and `errors`) and a hint for what to do next; it never
/// contains a secret.
public struct ProviderError: Error, Sendable, CustomStringConvertible, CategorizedError {
    /// Refused credentials are an authentication failure, unusable settings a configuration one.
    public var category: ErrorCategory {
        switch kind {
        case .authentication: .authentication
        case .configuration: .configuration
        default: .failure
        }
    }

    /// What kind of failure, for the exit code and the advice.
    public enum Kind: String, Sendable, Hashable {
        /// Credentials rejected (HTTP 401, expired token, missing scope).
        case authentication
        /// Authenticated but not allowed (HTTP 403).
        case permission
        /// Wrong site URL or a container that does not exist (HTTP 404).
        case notFound
        /// The source refused the request as invalid (HTTP 400, bad JQL).
        case badRequest
        /// Still rate limited after every retry.
        case rateLimited
        /// The source failed (5xx) after every retry.
        case server
        /// No usable response: connection refused, timeouts, TLS.
        case transport
        /// A response that is not what the API documents.
        case invalidResponse
        /// An answer (or a downloaded file) larger than the run allows; the transfer was stopped.
        case tooLarge
        /// A stub provider's part that needs a server and is not written yet.
        case notImplemented
        /// Something this source does not have (a field list, reference data, worklogs): the engine
        /// skips it when it is optional, like Gitea's `ErrNotSupported`.
        case notSupported
        /// Unusable settings: unknown provider, unsupported auth kind.
        case configuration
    }

    /// The provider that failed (`jira`).
    public let provider: String
    /// What kind of failure.
    public let kind: Kind
    /// HTTP status when there was a response.
    public let status: Int?
    /// The source's own messages, verbatim.
    public let sourceMessages: [String]
    /// What went wrong, in our words.
    public let message: String
    /// What to do next.
    public let hint: String

    /// A provider error; `sourceMessages` are the source's own words, verbatim.
    public init(
        provider: String, kind: Kind, status: Int? = nil, sourceMessages: [String] = [], message: String, hint: String
    ) {
        self.provider = provider
        self.kind = kind
        self.status = status
        self.sourceMessages = sourceMessages
        self.message = message
        self.hint = hint
    }

    /// A stub's missing part.
    public static func notImplemented(provider: String, part: String) -> ProviderError {
        ProviderError(
            provider: provider, kind: .notImplemented,
            message: "the \(provider) provider is a stub: \(part) is not implemented yet",
            hint:
                "Run `tributary providers` to see what works today; import from \(provider) once its network part lands."
        )
    }

    /// Something `provider` does not have; `part` names it ("a field list").
    public static func notSupported(provider: String, part: String) -> ProviderError {
        ProviderError(
            provider: provider, kind: .notSupported, message: "\(provider) has no \(part)",
            hint: "Nothing to do: the import goes on without it.")
    }

    /// The message, the source's words and the hint, one per line.
    public var description: String {
        var text = "\(provider): \(message)"
        if let status { text += " (HTTP \(status))" }
        if !sourceMessages.isEmpty {
            text += "\n  \(provider) says: " + sourceMessages.joined(separator: " | ")
        }
        text += "\n  hint: \(hint)"
        return text
    }
}
