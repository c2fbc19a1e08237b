import Foundation

/// The bounds of one request attempt that a transport enforces.
public struct TransportLimits: Sendable, Hashable {
    /// Seconds the whole exchange may take (connect, headers and body).
    public var timeout: Double
    /// The most body bytes accepted, after decompression.
    public var maxBodyBytes: Int

    /// Bounds for one attempt.
    public init(timeout: Double, maxBodyBytes: Int) {
        self.timeout = timeout
        self.maxBodyBytes = maxBodyBytes
    }
}

/// Why a transport gave up on an attempt in a way the client reports by name.
public enum TransportFailure: Error, Sendable, Equatable {
    /// The body grew past `TransportLimits.maxBodyBytes` (decompressed); the transfer was stopped.
    case bodyTooLarge(limit: Int)
    /// The exchange took longer than `TransportLimits.timeout`.
    case timedOut(seconds: Double)
}

/// Sends one request attempt and never follows redirects itself: the client decides about every
/// hop. The real one is `URLSessionTransport`; the client adds retries, limits and redaction around it.
public protocol HTTPTransport: Sendable {
    /// Sends `request` once within `limits` and returns the answer as received, 3xx included.
    func send(_ request: HTTPRequest, limits: TransportLimits) async throws -> HTTPResponse
}
