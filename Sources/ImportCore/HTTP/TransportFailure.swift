import Foundation

/// Why a transport gave up on an attempt in a way the client reports by name.
public enum TransportFailure: Error, Sendable, Equatable {
    /// The body grew past `TransportLimits.maxBodyBytes` (decompressed); the transfer was stopped.
    case bodyTooLarge(limit: Int)
    /// The exchange took longer than `TransportLimits.timeout`.
    case timedOut(seconds: Double)
}
