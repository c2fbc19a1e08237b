import Foundation

/// Sends one request attempt and never follows redirects itself: the client decides about every
/// hop. The real one is `URLSessionTransport`; the client adds retries, limits and redaction around it.
public protocol HTTPTransport: Sendable {
    /// Sends `request` once within `limits` and returns the answer as received, 3xx included.
    func send(_ request: HTTPRequest, limits: TransportLimits) async throws -> HTTPResponse
}
