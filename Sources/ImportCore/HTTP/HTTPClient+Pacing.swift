import Foundation

extension HTTPClient {
    /// What held this client's pace back so far: its adaptive concurrency's summary.
    public var pacing: AdaptiveConcurrency.Summary {
        get async {
            var summary = await concurrency.current
            (summary.budgetWaits, summary.budgetReason) = budget.withLock { ($0.waited, $0.reason) }
            return summary
        }
    }

    /// A number parameter (`;name=value`) of a structured rate-limit header; `nil` when absent or not
    /// a finite, non-negative number.
    static func parameter(_ name: String, in header: String) -> Double? {
        for part in header.split(separator: ";").dropFirst() {
            let pair = part.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard pair.count == 2, pair[0] == name, let value = Double(pair[1].trimmingCharacters(in: ["\""])),
                value.isFinite, value >= 0
            else { continue }
            return value
        }
        return nil
    }

    /// What an attempt's outcome says about the server's load.
    static func signal(_ outcome: Result<HTTPResponse, any Error>, seconds: Double) -> AdaptiveConcurrency.Signal {
        guard case .success(let response) = outcome else { return .noAnswer }
        switch response.status {
        case 429, 503: return .throttled
        case 500...599: return .serverError
        default: return .clean(seconds: seconds)
        }
    }

    /// Waits for this request's place in the server's budget and returns its ticket, which the
    /// answer brings back to `noteBudget` (a cancelled task stops waiting and throws).
    func waitForBudget() async throws -> Int {
        let started = Date()
        while true {
            if let slot = budget.withLock({ $0.slot(now: Date()) }) {
                let wait = slot.at.timeIntervalSinceNow
                if wait > 0 { try await Task.sleep(nanoseconds: UInt64(wait * 1e9)) }
                return slot.ticket
            }
            // Nothing left and no refill known yet: the answers on their way will say more. A
            // server that never says goes on after a while rather than waiting for ever.
            guard Date().timeIntervalSince(started) < BudgetPacer.maxWait else {
                return budget.withLock { $0.takeTicket() }
            }
            try await Task.sleep(nanoseconds: 20_000_000)
        }
    }

    /// Reads what an answer says of the server's budget, so every request of the connection paces
    /// itself, not only the refused one: `Retry-After` on a 429 or 503, `X-RateLimit-Remaining` and
    /// `X-RateLimit-Reset` (an ISO 8601 instant, or seconds or milliseconds since 1970) on any answer.
    func noteBudget(_ response: HTTPResponse, ticket: Int? = nil, now: Date = Date()) {
        let throttled = response.status == 429 || response.status == 503
        let retryAfter = response.header("Retry-After").flatMap { RetryPolicy.parseRetryAfter($0, now: now) }
        var remaining = response.header("X-RateLimit-Remaining").flatMap { Int($0) }
        var limit = response.header("X-RateLimit-Limit").flatMap { Int($0) }
        var reset: Date?
        // Jira's newer quota headers: `Beta-RateLimit: "…";r=<remaining>;t=<seconds to reset>` and
        // `Beta-RateLimit-Policy: "…";q=<quota>;w=<window seconds>`.
        if remaining == nil, let beta = response.header("Beta-RateLimit") {
            remaining = Self.parameter("r", in: beta).flatMap { Int(exactly: $0.rounded(.down)) }
            limit = response.header("Beta-RateLimit-Policy").flatMap { Self.parameter("q", in: $0) }
                .flatMap { Int(exactly: $0.rounded(.down)) }
            reset = Self.parameter("t", in: beta).map { now.addingTimeInterval(min(BudgetPacer.maxWait, $0)) }
        }
        if let reason = response.header("RateLimit-Reason") ?? response.header("X-Beta-RateLimit-Reason") {
            budget.withLock { $0.reason = String(reason.prefix(80)) }
        }
        if let text = response.header("X-RateLimit-Reset") {
            if let instant = Timestamp.parse(text) {
                reset = Date(timeIntervalSince1970: Double(instant.millisecondsSince1970) / 1000)
            } else if let epoch = Double(text), epoch > 1_000_000_000 {
                // Seconds since 1970, or milliseconds (as Linear sends them).
                reset = Date(timeIntervalSince1970: epoch > 1_000_000_000_000 ? epoch / 1000 : epoch)
            }
        }
        guard throttled || remaining != nil else { return }
        budget.withLock {
            $0.note(
                throttled: throttled, retryAfter: retryAfter, remaining: remaining, limit: limit, reset: reset,
                ticket: ticket, now: now)
        }
    }
}
