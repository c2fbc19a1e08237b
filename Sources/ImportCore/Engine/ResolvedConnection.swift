import Foundation

/// A provider connection ready to use, with where it came from.
public struct ResolvedConnection: Sendable {
    public let provider: any Provider
    public let connection: any ProviderConnection
    /// The stored connection, for named connections.
    public let record: ConnectionRecord?
    /// A name for messages and fingerprints (`work-jira`, or the inline URL).
    public let label: String
    /// Hides the connection's secrets in every message about it.
    public let redactor: Redactor
}
