import Foundation
import ImportCore
import ProviderSandbox
import TestSupport
import Testing

/// Figures for docs/RELIABILITY.md, printed by the tests that produce them.
func figure(_ text: String) { print("RELIABILITY: \(text)") }

@Suite("Faults survived: the same content as a fault-free run")
struct FaultToleranceTests {
    @Test(
        "10 % 429 (Retry-After), 5 % 503, 2 % dropped connections, 1 % truncated JSON: identical content, retries counted",
        arguments: [
            (JiraSandboxConfig.Deployment.cloud, "never"), (.cloud, "always"), (.dataCenter, "always"),
        ])
    func faults(deployment: JiraSandboxConfig.Deployment, bulkFetch: String) async throws {
        var plan = FaultPlan()
        plan.rateLimited = 0.10
        plan.retryAfterSeconds = 1
        plan.unavailable503 = 0.05
        plan.droppedMidBody = 0.02
        plan.truncatedJSON = 0.01
        plan.seed = 11
        let faulty = try await ImportHarness(JiraSandboxConfig(issues: 600, deployment: deployment))
        let clean = try await ImportHarness(JiraSandboxConfig(issues: 600, deployment: deployment))
        let config = try faulty.configFile(extraSource: ["pageSize": 20, "bulkFetch": .string(bulkFetch)])
        faulty.sandbox.setFaults(plan)
        let report = try await faulty.run(config)
        let injected = faulty.sandbox.server.injectedFaults
        faulty.sandbox.setFaults(FaultPlan())
        _ = try await clean.run(try clean.configFile(extraSource: ["pageSize": 20]))
        let total = injected.values.reduce(0, +)
        #expect(report.status == .completed)
        #expect(report.counts.created == 600)
        #expect(total >= 3, "too few faults injected to mean anything: \(injected)")
        #expect(report.retries >= total - 1, "retries \(report.retries) for \(total) faults")
        let job = try #require(try faulty.workspace.jobs.find(owner: faulty.owner, id: report.jobID!))
        #expect(job.retries == report.retries)
        #expect(try Self.dump(faulty) == Self.dump(clean))
        #expect(try WorkspaceDump.duplicateProvenance(faulty.workspace.db).isEmpty)
        figure(
            "faults (\(deployment.rawValue), bulk fetch \(bulkFetch)): \(report.requests) requests, \(total) faults injected \(injected.map { "\($0.key.rawValue)=\($0.value)" }.sorted()), \(report.retries) retries, 600/600 records, content identical to the fault-free run"
        )
    }

    @Test(
        "a source that never recovers fails the job cleanly (exit 1), keeps what was committed, and resumes later",
        arguments: ["never", "always"])
    func outage(bulkFetch: String) async throws {
        let harness = try await ImportHarness(JiraSandboxConfig(issues: 200))
        let config = try harness.configFile(extraSource: ["bulkFetch": .string(bulkFetch)])
        // Two pages of 40 issues are served, then the site stops serving issues.
        if bulkFetch == "never" {
            harness.sandbox.failSearches(after: 2)
        } else {
            harness.sandbox.failBulkFetches(pastListed: 80)
        }
        var error: ImportRunError?
        do {
            _ = try await harness.engine().run(try RunConfig.load(path: config))
        } catch let failure as ImportRunError {
            error = failure
        }
        #expect(error?.message.contains("after 6 attempts") == true, "\(String(describing: error))")
        #expect(try harness.count("tasks") == 80, "whole pages only, each that was served")
        harness.sandbox.intercept(nil)
        let resumed = try await harness.run(config)
        #expect(resumed.resumedFrom != nil)
        #expect(try harness.count("tasks") == 200)
    }

    static func dump(_ harness: ImportHarness) throws -> String {
        try WorkspaceDump.canonical(harness.workspace.db).replacingOccurrences(of: harness.fixture.url, with: "SITE")
    }
}
