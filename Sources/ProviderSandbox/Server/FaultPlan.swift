import Synchronization

/// Faults the sandbox injects, each as a fraction of requests (seeded, so a run is reproducible).
public struct FaultPlan: Sendable, Hashable {
    /// Added to every response, in milliseconds.
    public var latencyMilliseconds: Int = 0
    /// 429 Too Many Requests with `Retry-After`.
    public var rateLimited: Double = 0
    /// The `Retry-After` value sent with 429s (seconds).
    public var retryAfterSeconds: Int = 1
    /// 500 Internal Server Error.
    public var serverErrors500: Double = 0
    /// 503 Service Unavailable.
    public var unavailable503: Double = 0
    /// The connection is closed halfway through the body.
    public var droppedMidBody: Double = 0
    /// A 200 whose JSON body is cut short (Content-Length matches the cut body).
    public var truncatedJSON: Double = 0
    /// Seeds which requests fail, so a run is reproducible.
    public var seed: UInt64 = 7
    /// Stop injecting after this many faults in total (`nil`: never stop); makes "exactly one 429" exact.
    public var maxFaults: Int?

    /// No faults.
    public init() {}

    /// Whether nothing is injected.
    public var isEmpty: Bool {
        latencyMilliseconds == 0 && rateLimited == 0 && serverErrors500 == 0 && unavailable503 == 0
            && droppedMidBody == 0 && truncatedJSON == 0
    }
}
