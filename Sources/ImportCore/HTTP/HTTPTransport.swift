import Foundation

/// Sends one request attempt and never follows redirects itself: the client decides about every
/// hop. The real one is `URLSessionTransport`; the client adds retries, limits and redaction around it.
public protocol HTTPTransport: Sendable {
    /// Sends `request` once within `limits` and returns the answer as received, 3xx included.
    func send(_ request: HTTPRequest, limits: TransportLimits) async throws -> HTTPResponse

    /// Sends `request` once within `limits` and streams a 2xx body into the file at `path`, replacing
    /// it (see the default).
    func download(_ request: HTTPRequest, to path: String, limits: TransportLimits) async throws -> HTTPResponse
}
