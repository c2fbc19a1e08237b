import Synchronization

/// Faults the sandbox injects, each as a fraction of requests (seeded, so a run is reproducible).
public struct FaultPlan: Sendable, Hashable {
    /// Added to every response, in milliseconds.
    public var latencyMilliseconds: Int = 0
    /// 429 Too Many Requests with `Retry-After`.
    public var rateLimited: Double = 0
    /// The `Retry-After` value sent with 429s (seconds).
    public var retryAfterSeconds: Int = 1
    public var serverErrors500: Double = 0
    public var unavailable503: Double = 0
    /// The connection is closed halfway through the body.
    public var droppedMidBody: Double = 0
    /// A 200 whose JSON body is cut short (Content-Length matches the cut body).
    public var truncatedJSON: Double = 0
    public var seed: UInt64 = 7
    /// Stop injecting after this many faults in total (`nil`: never stop); makes "exactly one 429" exact.
    public var maxFaults: Int?

    public init() {}

    public var isEmpty: Bool {
        latencyMilliseconds == 0 && rateLimited == 0 && serverErrors500 == 0 && unavailable503 == 0
            && droppedMidBody == 0 && truncatedJSON == 0
    }
}

/// What happened to one request.
public enum InjectedFault: String, Sendable, Hashable, CaseIterable {
    case rateLimited, serverError500, unavailable503, droppedMidBody, truncatedJSON
}

/// Draws faults for requests from a `FaultPlan` and counts them.
final class FaultInjector: Sendable {
    private struct State {
        var random: SeededRandom
        var counts: [InjectedFault: Int] = [:]
    }

    private let state: Mutex<State>
    let plan: FaultPlan

    init(plan: FaultPlan) {
        self.plan = plan
        state = Mutex(State(random: SeededRandom(seed: plan.seed)))
    }

    /// The fault for the next request, if any.
    func draw() -> InjectedFault? {
        state.withLock { state in
            if let limit = plan.maxFaults, state.counts.values.reduce(0, +) >= limit { return nil }
            let roll = Double(state.random.next() >> 11) / Double(1 << 53)
            var threshold = 0.0
            let ordered: [(InjectedFault, Double)] = [
                (.rateLimited, plan.rateLimited), (.serverError500, plan.serverErrors500),
                (.unavailable503, plan.unavailable503), (.droppedMidBody, plan.droppedMidBody),
                (.truncatedJSON, plan.truncatedJSON),
            ]
            for (fault, probability) in ordered {
                threshold += probability
                if roll < threshold {
                    state.counts[fault, default: 0] += 1
                    return fault
                }
            }
            return nil
        }
    }

    var counts: [InjectedFault: Int] { state.withLock { $0.counts } }
}
