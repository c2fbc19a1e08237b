import Foundation
import Testing

@testable import ImportCore

/// How the client reads a server's budget: the next request leaves when the budget, as last
/// reported and refilled since, holds one.
@Suite("Budget pacing")
struct BudgetPacerTests {
    @Test("a spent budget delays the next request by its refill time; one with room lets it go at once")
    func spentBudget() {
        let now = Date(timeIntervalSince1970: 1_000_000)
        var pacer = BudgetPacer()
        #expect(pacer.slot(now: now)?.at == now)
        // 0 of 10 left, whole again in 2 s: 10 × 0.9 / 2 = 4.5 requests a second.
        pacer.note(
            throttled: false, retryAfter: nil, remaining: 0, limit: 10, reset: now.addingTimeInterval(2), ticket: 0,
            now: now)
        let slot = pacer.slot(now: now)
        #expect(abs((slot?.at.timeIntervalSince(now) ?? 0) - 1 / 4.5) < 0.001)
        pacer.note(
            throttled: false, retryAfter: nil, remaining: 8, limit: 10, reset: now.addingTimeInterval(1), ticket: 1,
            now: now)
        #expect(pacer.slot(now: now)?.at == now)
    }

    @Test("a spent budget whose reset has come lets requests go; before it, they wait for the reset at most")
    func resetPassed() {
        let now = Date(timeIntervalSince1970: 1_000_000)
        var pacer = BudgetPacer()
        _ = pacer.slot(now: now)
        // ClickUp near the end of its minute: nothing left, whole again at this very second (its
        // X-RateLimit-Reset has whole seconds), so no refill rate can be learnt from it.
        pacer.note(throttled: true, retryAfter: nil, remaining: 0, limit: 100, reset: now, ticket: 0, now: now)
        #expect(pacer.slot(now: now.addingTimeInterval(0.01))?.at == now.addingTimeInterval(0.01))
        var early = BudgetPacer()
        _ = early.slot(now: now)
        // Nothing left of a budget of unknown size, whole again in 3 s: the next request waits for that.
        early.note(
            throttled: true, retryAfter: nil, remaining: 0, limit: nil, reset: now.addingTimeInterval(3), ticket: 0,
            now: now)
        #expect(early.slot(now: now)?.at == now.addingTimeInterval(3))
        // A fixed window (ClickUp's minute) refills nothing before its reset: after a refusal without
        // Retry-After, the refill rate learnt earlier does not let requests into the spent window.
        var window = BudgetPacer()
        _ = window.slot(now: now)
        window.note(
            throttled: false, retryAfter: nil, remaining: 10, limit: 60, reset: now.addingTimeInterval(2), ticket: 0,
            now: now)
        _ = window.slot(now: now)
        window.note(
            throttled: true, retryAfter: nil, remaining: 0, limit: 60, reset: now.addingTimeInterval(2), ticket: 1,
            now: now)
        #expect(window.slot(now: now)?.at == now.addingTimeInterval(2))
    }

    @Test("Retry-After pauses every request; requests on their way count against what is left")
    func pauseAndInFlight() {
        let now = Date(timeIntervalSince1970: 1_000_000)
        var pacer = BudgetPacer()
        pacer.note(throttled: true, retryAfter: 3, remaining: nil, limit: nil, reset: nil, now: now)
        #expect(pacer.slot(now: now)?.at == now.addingTimeInterval(3))
        var busy = BudgetPacer()
        // Three places given; the first one's answer says two are left, and the two given after it
        // are on their way. No refill known yet: wait for their answers.
        for _ in 0..<3 { _ = busy.slot(now: now) }
        busy.note(throttled: false, retryAfter: nil, remaining: 2, limit: nil, reset: nil, ticket: 0, now: now)
        #expect(busy.slot(now: now) == nil)
    }

    @Test("an answer that overtook a later request's (counted earlier by the server) does not raise the budget")
    func overtakenAnswer() {
        let now = Date(timeIntervalSince1970: 1_000_000)
        var pacer = BudgetPacer()
        let first = pacer.slot(now: now)
        let second = pacer.slot(now: now)
        #expect(first?.ticket == 0 && second?.ticket == 1)
        // The second request's answer comes first: nothing left, whole again in 2 s.
        pacer.note(
            throttled: false, retryAfter: nil, remaining: 0, limit: 10, reset: now.addingTimeInterval(2), ticket: 1,
            now: now)
        // The first one's answer, slow to render, says what was left before the second was counted.
        pacer.note(
            throttled: false, retryAfter: nil, remaining: 1, limit: 10, reset: now.addingTimeInterval(2), ticket: 0,
            now: now)
        let next = pacer.slot(now: now)
        #expect(next.map { $0.at > now } == true, "the stale answer let a request go into a spent budget")
    }

    @Test("Jira's Beta-RateLimit parameters and a RateLimit-Reason are read")
    func betaHeaders() {
        #expect(HTTPClient.parameter("r", in: #""tenant-app-quota";r=17842;t=2107"#) == 17842)
        #expect(HTTPClient.parameter("t", in: #""tenant-app-quota";r=17842;t=2107"#) == 2107)
        #expect(HTTPClient.parameter("q", in: #""tenant-app-quota";q=100100;w=3600"#) == 100100)
        #expect(HTTPClient.parameter("r", in: #""tenant-app-quota";r=-4"#) == nil)
        #expect(HTTPClient.parameter("x", in: "a;x=nan;y=1") == nil)
        let client = HTTPClient(credentials: nil)
        client.noteBudget(
            HTTPResponse(
                status: 200,
                headers: [
                    "beta-ratelimit": #""tenant-app-quota";r=0;t=10"#,
                    "beta-ratelimit-policy": #""tenant-app-quota";q=100;w=3600"#,
                    "x-beta-ratelimit-reason": "jira-quota-tenant-based",
                ], body: Data(), url: URL(string: "http://127.0.0.1/")!))
        let (reason, rate) = client.budget.withLock { ($0.reason, $0.refillRate) }
        #expect(reason == "jira-quota-tenant-based")
        #expect(rate.map { abs($0 - 9) < 0.01 } == true)
    }
}
