/// Counters of one connection's HTTP traffic, for job reports and benchmarks.
public struct RequestMetrics: Sendable, Hashable {
    public var requests: Int = 0
    public var retries: Int = 0
    public var bytesReceived: Int = 0

    public init(requests: Int = 0, retries: Int = 0, bytesReceived: Int = 0) {
        self.requests = requests
        self.retries = retries
        self.bytesReceived = bytesReceived
    }
}
