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
