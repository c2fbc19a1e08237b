import Foundation

/// A request as the sandbox server received it: what emulators route on and tests inspect.
public struct SandboxRequest: Sendable {
    /// The HTTP method (`GET`, `POST`, …).
    public let method: String
    /// The path without the query (`/rest/api/3/search/jql`), percent-decoded.
    public let path: String
    /// The path as it was sent, still percent-encoded: what a client escaped and what it did not.
    public let rawPath: String
    /// Query parameters (last value wins for repeated names).
    public let query: [String: String]
    /// Header names lower-cased.
    public let headers: [String: String]
    /// The request body as sent.
    public let body: Data

    /// The value of header `name`, whatever its case.
    public func header(_ name: String) -> String? { headers[name.lowercased()] }
}
