/// Counters of one connection's HTTP traffic, for job reports and benchmarks.
public struct RequestMetrics: Sendable, Hashable {
    /// Requests sent, retries included.
    public var requests: Int = 0
    /// Requests sent again after a fault.
    public var retries: Int = 0
    /// Body bytes received.
    public var bytesReceived: Int = 0

    /// Metrics, zero unless given.
    public init(requests: Int = 0, retries: Int = 0, bytesReceived: Int = 0) {
        self.requests = requests
        self.retries = retries
        self.bytesReceived = bytesReceived
    }
}
