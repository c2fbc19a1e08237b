import Foundation

/// Tuning of a connection's HTTP behaviour; the defaults suit a large import against a hosted source.
public struct ConnectionOptions: Sendable, Hashable {
    /// 32 MB: far above a page of 100 issues with every field, far below what would strain memory.
    public static let defaultMaxResponseBytes = 32 << 20

    /// Requests in flight at once on this connection.
    public var maxConcurrentRequests: Int
    /// Sustained requests per second (token bucket); `nil`: unlimited.
    public var requestsPerSecond: Double?
    /// Burst size of the token bucket.
    public var burst: Int
    /// Timeout of one request attempt: the whole exchange, redirects included, not only idle gaps.
    public var requestTimeout: Double
    /// The longest one request may take, every attempt and wait between them included.
    public var deadline: Double
    /// The largest answer accepted, in bytes after decompression; a larger one stops the transfer.
    public var maxResponseBytes: Int
    /// Attempts per request, the first included.
    public var maxAttempts: Int
    /// Base of the exponential backoff, in seconds.
    public var backoffBase: Double
    /// Cap of one backoff wait (and of an honoured `Retry-After`), in seconds.
    public var backoffCap: Double
    /// Provider-specific overrides (Jira: `gatewayURL` for scoped tokens, `deployment`, `cloudId`, `timeZone`).
    public var extras: [String: String]

    /// Options for one connection.
    public init(
        maxConcurrentRequests: Int = 4, requestsPerSecond: Double? = nil, burst: Int = 10, requestTimeout: Double = 30,
        deadline: Double = 600, maxResponseBytes: Int = ConnectionOptions.defaultMaxResponseBytes, maxAttempts: Int = 6,
        backoffBase: Double = 0.5, backoffCap: Double = 30, extras: [String: String] = [:]
    ) {
        self.maxConcurrentRequests = maxConcurrentRequests
        self.requestsPerSecond = requestsPerSecond
        self.burst = burst
        self.requestTimeout = requestTimeout
        self.deadline = deadline
        self.maxResponseBytes = maxResponseBytes
        self.maxAttempts = maxAttempts
        self.backoffBase = backoffBase
        self.backoffCap = backoffCap
        self.extras = extras
    }
}
