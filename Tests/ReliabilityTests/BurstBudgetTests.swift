import Foundation
import ImportCore
import ProviderSandbox
import TestSupport
import Testing

/// Jira Cloud's burst budget, in the sandbox and as the client meets it: used up to its edge, never
/// stormed, and the data the same as without it.
@Suite("Burst budgets")
struct BurstBudgetTests {
    @Test("the sandbox refuses what the budget does not hold: 429, Retry-After, RateLimit-Reason: jira-burst-based")
    func sandboxRefuses() async throws {
        // A slow refill: however loaded the machine, no token comes back between these requests.
        let fixture = try JiraSandboxFixture(
            JiraSandboxConfig(issues: 10, burst: BurstBudget(rate: 0.001, capacity: 3)))
        let transport = URLSessionTransport(maxConnectionsPerHost: 1)
        var answers: [HTTPResponse] = []
        for _ in 0..<5 {
            let request = HTTPRequest(
                method: "GET", url: URL(string: "\(fixture.url)/rest/api/3/myself")!,
                headers: ["Authorization": fixture.validCredentials.authorizationHeader()])
            answers.append(
                try await transport.send(request, limits: TransportLimits(timeout: 5, maxBodyBytes: 1 << 20)))
        }
        #expect(answers.prefix(3).allSatisfy { $0.status == 200 })
        #expect(answers.prefix(3).map { $0.header("X-RateLimit-Remaining") } == ["2", "1", "0"])
        let refused = try #require(answers.last)
        #expect(refused.status == 429)
        #expect((refused.header("Retry-After").flatMap { Int($0) } ?? 0) >= 1)
        #expect(refused.header("RateLimit-Reason") == "jira-burst-based")
        #expect(fixture.sandbox.burstCounts.refused >= 1)
        // Another account has a bucket of its own.
        let other = HTTPRequest(
            method: "GET", url: URL(string: "\(fixture.url)/rest/api/3/serverInfo")!,
            headers: ["Authorization": "Bearer \(fixture.config.personalAccessToken)"])
        #expect(
            try await transport.send(other, limits: TransportLimits(timeout: 5, maxBodyBytes: 1 << 20)).status == 200)
    }

    @Test(
        "under a budget of 10 requests a second the import uses it to its edge (at most 5 % refused) and ends with the same data",
        arguments: ["never", "always"])
    func importWithinBudget(bulkFetch: String) async throws {
        let limited = try await ImportHarness(JiraSandboxConfig(issues: 300))
        let free = try await ImportHarness(JiraSandboxConfig(issues: 300))
        limited.sandbox.setBurstBudget(BurstBudget(rate: 10, capacity: 10))
        let report = try await limited.run(
            try limited.configFile(extraSource: ["pageSize": 25, "bulkFetch": .string(bulkFetch)]))
        let (refused, allowed) = limited.sandbox.burstCounts
        limited.sandbox.setBurstBudget(nil)
        _ = try await free.run(try free.configFile(extraSource: ["pageSize": 25]))
        #expect(report.status == .completed)
        #expect(report.counts.created == 300)
        #expect(Double(refused) <= 0.05 * Double(refused + allowed), "\(refused) of \(refused + allowed) refused")
        #expect(try FaultToleranceTests.dump(limited) == FaultToleranceTests.dump(free))
        figure(
            "burst budget 10/s, bulk fetch \(bulkFetch): \(allowed + refused) requests, \(refused) refused, \(String(format: "%.1f", report.durationSeconds)) s; pace: \(report.pacing ?? "-")"
        )
    }
}
