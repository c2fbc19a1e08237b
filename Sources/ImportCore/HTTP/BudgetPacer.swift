import Foundation

/// What a server said of its request budget, and when the next request may leave for it: none
/// before a pause it asked for (`Retry-After`), and none while the budget, as last reported
/// (`X-RateLimit-Remaining`) less the requests given a place since and plus what it refilled
/// meanwhile, holds no request: so the budget is used to its edge without a burst it would refuse.
struct BudgetPacer: Sendable {
    /// The longest pause or spacing a server's headers may impose.
    static let maxWait = 120.0

    /// A request's place: when it may leave, and its ticket (places are numbered in the order given),
    /// which its answer brings back to `note`.
    struct Slot: Sendable, Equatable {
        /// When the request may leave.
        let at: Date
        /// Its number among the places given.
        let ticket: Int
    }

    private var pausedUntil: Date?
    /// The budget as last reported, when, the ticket of the request whose answer reported it, and
    /// when the server said it is whole again (`nil`: it did not say).
    private var reported: (remaining: Double, at: Date, ticket: Int, reset: Date?)?
    /// Places given so far: the next place's ticket.
    private var issued = 0
    /// Requests that waited for the budget, in all.
    private(set) var waited = 0
    /// Why the server last said it limits (`RateLimit-Reason`: `jira-burst-based`…), as it said it.
    var reason: String?
    /// Requests the budget regains a second, learnt from when its next one comes back (`reset`).
    private(set) var refillRate: Double?

    /// When the next request may leave, counted as sent; `nil` when the budget holds nothing for it
    /// and its refill is not known: ask again once more answers are in.
    mutating func slot(now: Date) -> Slot? {
        var at = max(now, pausedUntil ?? now)
        // Once the reported budget's reset has come, the budget is whole again: it holds nothing back.
        if let reported, reported.reset.map({ at < $0 }) ?? true {
            let refilled = (refillRate ?? 0) * max(0, at.timeIntervalSince(reported.at))
            // Every place given after the reporting request's may not be in what the server counted.
            let left = reported.remaining + refilled - Double(issued - reported.ticket - 1)
            if left < 1 {
                if let refillRate {
                    at = at.addingTimeInterval(min(Self.maxWait, (1 - left) / refillRate))
                } else if let reset = reported.reset {
                    at = min(reset, at.addingTimeInterval(Self.maxWait))
                } else {
                    return nil
                }
            }
        }
        if at > now { waited += 1 }
        return Slot(at: at, ticket: takeTicket())
    }

    /// A place without a time (a server that never says how its budget refills): only its number.
    mutating func takeTicket() -> Int {
        issued += 1
        return issued - 1
    }

    /// Takes in the answer to the request of `ticket` (the newest place when `nil`): `retryAfter`
    /// (seconds) on a 429 or 503 pauses every request; `remaining` is the budget left after it (of
    /// `limit`); `reset` is when the budget is whole again. An answer that overtook a later request's
    /// (a slow one, counted earlier by the server) says less than the one already taken in: its
    /// count is left out.
    mutating func note(
        throttled: Bool, retryAfter: Double?, remaining: Int?, limit: Int?, reset: Date?, ticket: Int? = nil,
        now: Date
    ) {
        if throttled, let retryAfter {
            let until = now.addingTimeInterval(min(retryAfter, Self.maxWait))
            pausedUntil = max(pausedUntil ?? until, until)
        } else if throttled, remaining ?? 0 < 1, let reset, reset > now {
            // Refused without Retry-After but with the budget's reset (ClickUp's fixed minute): nothing
            // is let through before then, whatever refill the earlier answers suggested.
            let until = min(reset, now.addingTimeInterval(Self.maxWait))
            pausedUntil = max(pausedUntil ?? until, until)
        }
        guard let remaining else { return }
        let ticket = ticket ?? (issued - 1)
        if let reported, ticket < reported.ticket { return }
        reported = (Double(remaining), now, ticket, reset)
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
