import Foundation

/// A request as the sandbox server received it.
public struct SandboxRequest: Sendable {
    public let method: String
    /// The path without the query (`/rest/api/3/search/jql`), percent-decoded.
    public let path: String
    /// Query parameters (last value wins for repeated names).
    public let query: [String: String]
    /// Header names lower-cased.
    public let headers: [String: String]
    public let body: Data

    public func header(_ name: String) -> String? { headers[name.lowercased()] }
}
