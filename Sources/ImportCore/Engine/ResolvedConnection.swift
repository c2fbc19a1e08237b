import Foundation

/// A provider connection ready to use, with where it came from.
public struct ResolvedConnection: Sendable {
    /// The provider of the connection.
    public let provider: any Provider
    /// The open connection.
    public let connection: any ProviderConnection
    /// The stored connection, for named connections.
    public let record: ConnectionRecord?
    /// A name for messages and fingerprints (`work-jira`, or the inline URL).
    public let label: String
    /// Hides the connection's secrets in every message about it.
    public let redactor: Redactor
}
