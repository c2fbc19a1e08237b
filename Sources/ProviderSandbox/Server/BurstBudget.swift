import Foundation

/// A burst budget as Jira Cloud enforces one on API-token traffic: a token bucket per account,
/// `rate` tokens a second up to `capacity`; a request that finds it empty is refused with a 429.
public struct BurstBudget: Sendable, Hashable {
    /// Tokens added a second.
    public var rate: Double
    /// The most tokens the bucket holds: the burst a fresh client may send at once.
    public var capacity: Int

    /// A budget of `rate` requests a second with bursts of `capacity`.
    public init(rate: Double, capacity: Int) {
        self.rate = max(0.001, rate)
        self.capacity = max(1, capacity)
    }
}

/// The buckets of a budget, one per account (its credentials), and what each request found.
struct BurstBuckets: Sendable {
    /// What a request found: whether it may go on, the tokens left after it, and when it would have
    /// found one (seconds from now) when it may not.
    struct Verdict: Sendable {
        let allowed: Bool
        let remaining: Int
        let retryAfter: Double
        /// The tokens in the bucket after the request.
        let tokens: Double
    }

    private var buckets: [String: (tokens: Double, at: Double)] = [:]
    /// Requests refused so far.
    private(set) var refused = 0
    /// Requests let through so far.
    private(set) var allowed = 0

    /// Takes a token from `account`'s bucket at `now` (seconds), if there is one.
    mutating func take(_ account: String, budget: BurstBudget, now: Double) -> Verdict {
        var bucket = buckets[account] ?? (Double(budget.capacity), now)
        bucket.tokens = min(Double(budget.capacity), bucket.tokens + (now - bucket.at) * budget.rate)
        bucket.at = now
        defer { buckets[account] = bucket }
        guard bucket.tokens >= 1 else {
            refused += 1
            return Verdict(
                allowed: false, remaining: 0, retryAfter: (1 - bucket.tokens) / budget.rate, tokens: bucket.tokens)
        }
        bucket.tokens -= 1
        allowed += 1
        return Verdict(allowed: true, remaining: Int(bucket.tokens), retryAfter: 0, tokens: bucket.tokens)
    }
}
