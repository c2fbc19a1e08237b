/// A stored connection to a source account. The secret itself is not part of it: it stays sealed in
/// the store until `ConnectionStore.credentials` opens it for one run.
public struct ConnectionRecord: Sendable, Hashable {
    /// The store's id of the connection.
    public let id: Int64
    /// The owner it belongs to.
    public let ownerID: Int64
    /// The name run configs use.
    public let name: String
    /// The provider id (`jira`).
    public let provider: String
    /// The site or API root the token belongs to.
    public let baseURL: String
    /// The account's email as the source reports it (`nil` when hidden).
    public let accountEmail: String?
    /// The source's immutable account id.
    public let accountID: String?
    /// The account's display name.
    public let accountName: String?
    /// How the token authenticates.
    public let authKind: AuthKind
    /// The name an email-token credential authenticates with, as the user gave it (`--email`); the
    /// account's email as the source reports it is `accountEmail`.
    public let login: String?
    /// Whether a sealed secret is stored (false after `disconnect`).
    public let hasSecret: Bool
    /// Facts learnt at verification (deployment, API route, time zone, source instance).
    public let settings: [String: String]
    /// When the connection was made.
    public let createdAt: String
    /// When the token last proved good.
    public let verifiedAt: String?
    /// When the connection was disconnected, if it was.
    public let revokedAt: String?
    /// The last failure seen with it (redacted).
    public let lastError: String?

    /// A connection as a store reads it.
    public init(
        id: Int64, ownerID: Int64, name: String, provider: String, baseURL: String, accountEmail: String?,
        accountID: String?, accountName: String?, authKind: AuthKind, login: String?, hasSecret: Bool,
        settings: [String: String], createdAt: String, verifiedAt: String?, revokedAt: String?, lastError: String?
    ) {
        self.id = id
        self.ownerID = ownerID
        self.name = name
        self.provider = provider
        self.baseURL = baseURL
        self.accountEmail = accountEmail
        self.accountID = accountID
        self.accountName = accountName
        self.authKind = authKind
        self.login = login
        self.hasSecret = hasSecret
        self.settings = settings
        self.createdAt = createdAt
        self.verifiedAt = verifiedAt
        self.revokedAt = revokedAt
        self.lastError = lastError
    }
}
