import Foundation

/// What a server said of its request budget, and when the next request may leave for it: none
/// before a pause it asked for (`Retry-After`), and none while the budget, as last reported
/// (`X-RateLimit-Remaining`) less the requests sent since and plus what it refilled meanwhile,
/// holds no request: so the budget is used to its edge without a burst it would refuse.
struct BudgetPacer: Sendable {
    /// The longest pause or spacing a server's headers may impose.
    static let maxWait = 120.0

    private var pausedUntil: Date?
    /// The budget as last reported, when, and the requests sent since that are not in it yet.
    private var reported: (remaining: Double, at: Date)?
    private var sentSince = 0.0
    /// Requests given a later place that have not left yet: they spend the budget too.
    private var waiting = 0
    /// Requests that waited for the budget, in all.
    private(set) var waited = 0
    /// Why the server last said it limits (`RateLimit-Reason`: `jira-burst-based`…), as it said it.
    var reason: String?
    /// Requests the budget regains a second, learnt from when its next one comes back (`reset`).
    private(set) var refillRate: Double?

    /// When the next request may leave, counted as sent; `nil` when the budget holds nothing for it
    /// and its refill is not known: ask again once more answers are in.
    mutating func slot(now: Date) -> Date? {
        var at = max(now, pausedUntil ?? now)
        if let reported {
            let refilled = (refillRate ?? 0) * max(0, at.timeIntervalSince(reported.at))
            let left = reported.remaining + refilled - sentSince
            if left < 1 {
                guard let refillRate else { return nil }
                at = at.addingTimeInterval(min(Self.maxWait, (1 - left) / refillRate))
            }
        }
        sentSince += 1
        if at > now {
            waiting += 1
            waited += 1
        }
        return at
    }

    /// A request given a later place left at its time.
    mutating func departed() { waiting = max(0, waiting - 1) }

    /// Takes in an answer: `retryAfter` (seconds) on a 429 or 503 pauses every request; `remaining`
    /// is the budget left after this answer (of `limit`), of which the `inFlight` requests still on
    /// their way will spend theirs; `reset` is when the budget is whole again.
    mutating func note(
        throttled: Bool, retryAfter: Double?, remaining: Int?, limit: Int?, reset: Date?, inFlight: Int, now: Date
    ) {
        if throttled, let retryAfter {
            let until = now.addingTimeInterval(min(retryAfter, Self.maxWait))
            pausedUntil = max(pausedUntil ?? until, until)
        }
        guard let remaining else { return }
        reported = (Double(remaining), now)
        sentSince = Double(inFlight + waiting)
        // The refill rate: what is missing over the time to refill it, a tenth less for safety. The
        // answer took part of that time to arrive, so each estimate runs high: the lowest is kept,
        // from answers of a budget at least half spent (where one request more or less weighs little).
        if let limit, limit > remaining, remaining * 2 <= limit, let reset, reset > now {
            let seconds = min(Self.maxWait, reset.timeIntervalSince(now))
            let estimate = 0.9 * Double(limit - remaining) / max(0.001, seconds)
            refillRate = min(refillRate ?? estimate, estimate)
        }
    }
}
