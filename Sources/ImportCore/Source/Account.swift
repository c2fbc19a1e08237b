/// The source account that a set of credentials belongs to, as `verify` reports it.
public struct Account: Sendable, Hashable {
    /// The source's immutable account id (Jira `accountId`, Asana `gid`).
    public let id: String
    /// The account's name as the source shows it.
    public let displayName: String
    /// `nil` when the source hides it (Jira's profile visibility settings).
    public let email: String?
    /// IANA time zone of the account when the source has one (Jira's `timeZone`): Jira reads JQL dates in it.
    public let timeZone: String?
    /// Provider-specific facts learnt while verifying (deployment, API route, cloud id), stored with the connection.
    public let settings: [String: String]

    /// An account.
    public init(
        id: String, displayName: String, email: String?, timeZone: String? = nil, settings: [String: String] = [:]
    ) {
        self.id = id
        self.displayName = displayName
        self.email = email
        self.timeZone = timeZone
        self.settings = settings
    }
}
