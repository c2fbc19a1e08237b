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
        #expect(pacer.slot(now: now) == now)
        // 0 of 10 left, whole again in 2 s: 10 × 0.9 / 2 = 4.5 requests a second.
        pacer.note(
            throttled: false, retryAfter: nil, remaining: 0, limit: 10, reset: now.addingTimeInterval(2), inFlight: 0,
            now: now)
        let slot = pacer.slot(now: now)
        #expect(abs((slot?.timeIntervalSince(now) ?? 0) - 1 / 4.5) < 0.001)
        pacer.note(
            throttled: false, retryAfter: nil, remaining: 8, limit: 10, reset: now.addingTimeInterval(1), inFlight: 0,
            now: now)
        #expect(pacer.slot(now: now) == now)
    }

    @Test("Retry-After pauses every request; requests on their way count against what is left")
    func pauseAndInFlight() {
        let now = Date(timeIntervalSince1970: 1_000_000)
        var pacer = BudgetPacer()
        pacer.note(throttled: true, retryAfter: 3, remaining: nil, limit: nil, reset: nil, inFlight: 0, now: now)
        #expect(pacer.slot(now: now) == now.addingTimeInterval(3))
        var busy = BudgetPacer()
        // Two left, two on their way, and no refill known yet: wait for their answers.
        busy.note(throttled: false, retryAfter: nil, remaining: 2, limit: nil, reset: nil, inFlight: 2, now: now)
        #expect(busy.slot(now: now) == nil)
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
