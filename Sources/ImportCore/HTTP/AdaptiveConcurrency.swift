import Foundation

/// How many requests a connection keeps in flight at once: a modest start, one more for each answer
/// that comes back fast and clean until the server first pushes back (slow start), then one more per
/// full window of such answers (additive increase); half as many after a 429 or 503 (multiplicative
/// decrease), never more than the configured bound. Waiters are served in arrival order.
public actor AdaptiveConcurrency {
    /// What an answer says about the server's load.
    public enum Signal: Sendable {
        /// A 2xx (or a 4xx that is the caller's mistake) within twice the fastest answer seen.
        case clean(seconds: Double)
        /// A 429, or a 503: the server's budget is spent.
        case throttled
        /// Another 5xx.
        case serverError
        /// No answer (a timeout, a reset): says nothing of the budget.
        case noAnswer
    }

    /// What held the concurrency back over a run, for its report.
    public struct Summary: Sendable, Hashable {
        /// The configured bound.
        public var bound: Int
        /// The most requests allowed at once.
        public var peak: Int
        /// Answers that said the budget was spent (429/503).
        public var throttled: Int
        /// Other 5xx answers.
        public var serverErrors: Int
        /// Clean answers slower than twice the fastest, which held growth back.
        public var slow: Int
        /// Requests that waited for the server's budget (its `X-RateLimit-*` or `Retry-After`).
        public var budgetWaits = 0
        /// The server's own word for its limit (`RateLimit-Reason`), when it said one.
        public var budgetReason: String?

        /// The pace in words: how many requests went at once, and what held it back.
        public var description: String { "up to \(peak) requests at once; limited by \(limitedBy)" }

        /// What limited the run's pace, in words.
        public var limitedBy: String {
            if budgetWaits > 0 || throttled > 0 {
                let reason = budgetReason.map { ", \($0)" } ?? ""
                return
                    "the server's request budget (\(budgetWaits) requests waited for it, \(throttled) throttled answers\(reason))"
            }
            if serverErrors > 0 { return "server errors (\(serverErrors))" }
            if peak >= bound { return "the configured bound of \(bound) requests at once" }
            if slow > 0 { return "latency (answers slowed as requests grew)" }
            return "nothing: the run ended before the pace grew to its bound"
        }
    }

    private var limit: Double
    private var inFlight = 0
    private var slowStart = true
    /// Bumped at each decrease: answers to requests sent before it do not decrease again.
    private var generation = 0
    private var fastest = Double.infinity
    private var waiters: [CheckedContinuation<Void, Never>] = []
    private var summary: Summary

    /// A limit that starts at `initial` requests at once and never exceeds `bound` (both at least one).
    public init(bound: Int, initial: Int = 4) {
        let bound = max(1, bound)
        limit = Double(min(bound, max(1, initial)))
        summary = Summary(bound: bound, peak: Int(limit), throttled: 0, serverErrors: 0, slow: 0)
    }

    /// Waits for a place; returns the generation to give back with the answer.
    public func acquire() async -> Int {
        if inFlight < Int(limit) {
            inFlight += 1
        } else {
            await withCheckedContinuation { waiters.append($0) }
        }
        return generation
    }

    /// Gives the place back with what the answer said, and lets in as many waiters as the limit allows.
    public func release(_ signal: Signal, generation sent: Int) {
        inFlight -= 1
        switch signal {
        case .clean(let seconds):
            fastest = min(fastest, seconds)
            if seconds <= 2 * fastest + 0.005 {
                limit = min(Double(summary.bound), limit + (slowStart ? 1 : 1 / limit))
            } else {
                summary.slow += 1
            }
        case .throttled:
            summary.throttled += 1
            decrease(sent, factor: 0.5)
        case .serverError:
            summary.serverErrors += 1
            decrease(sent, factor: 0.75)
        case .noAnswer:
            break
        }
        summary.peak = max(summary.peak, Int(limit))
        while inFlight < Int(limit), !waiters.isEmpty {
            inFlight += 1
            waiters.removeFirst().resume()
        }
    }

    /// What held the pace back so far.
    public var current: Summary { summary }

    private func decrease(_ sent: Int, factor: Double) {
        slowStart = false
        guard sent == generation else { return }
        generation += 1
        limit = max(1, (limit * factor).rounded(.down))
    }
}
