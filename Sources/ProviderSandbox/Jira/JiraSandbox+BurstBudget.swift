import Foundation
import ImportCore

// Jira Cloud's burst limits on API-token traffic, when the sandbox is told to enforce one.
extension JiraSandbox {
    /// Starts (or, with `nil`, stops) enforcing a burst budget: a token bucket per account.
    public func setBurstBudget(_ budget: BurstBudget?) {
        state.withLock { state in
            state.burst = budget
            state.buckets = BurstBuckets()
        }
    }

    /// Requests the burst budget refused, and let through, since it was set.
    public var burstCounts: (refused: Int, allowed: Int) {
        state.withLock { ($0.buckets.refused, $0.buckets.allowed) }
    }

    /// Spends a token of the caller's budget: the budget's headers for the answer when it had one
    /// (none without a budget); the 429 Jira sends (`Retry-After`, `RateLimit-Reason:
    /// jira-burst-based`) as `refusal` when not.
    func spendBurstBudget(_ request: SandboxRequest) -> (refusal: SandboxResponse?, headers: [String: String]) {
        let now = Date().timeIntervalSince1970
        let account = request.headers["authorization"] ?? ""
        let outcome = state.withLock { state -> (BurstBudget, BurstBuckets.Verdict)? in
            guard let budget = state.burst else { return nil }
            return (budget, state.buckets.take(account, budget: budget, now: now))
        }
        guard let (budget, verdict) = outcome else { return (nil, [:]) }
        // When the bucket is full again.
        let full = (Double(budget.capacity) - verdict.tokens) / budget.rate
        let reset = Timestamp(millisecondsSince1970: Int64((now + max(0, full)) * 1000))
        let headers = [
            "X-RateLimit-Limit": String(budget.capacity), "X-RateLimit-Remaining": String(verdict.remaining),
            "X-RateLimit-Reset": reset.iso8601,
        ]
        guard verdict.allowed else {
            var refusal = SandboxResponse.json(429, errorCollection(["Rate limit exceeded."]))
            refusal.headers.merge(headers) { $1 }
            refusal.headers["Retry-After"] = String(Int(verdict.retryAfter.rounded(.up)))
            refusal.headers["RateLimit-Reason"] = "jira-burst-based"
            return (refusal, headers)
        }
        return (nil, headers)
    }
}
