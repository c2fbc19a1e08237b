import Synchronization

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
