import Foundation
import ImportCore
import ProviderSandbox
import TestSupport
import Testing

@Suite("Crash safety: SIGKILL during a long import, then resume")
struct KillResumeTests {
    @Test(
        "killed at 12 seeded random moments, the rerun ends with the same content as an uninterrupted run",
        arguments: [
            (JiraSandboxConfig.Deployment.cloud, "never"), (.cloud, "always"), (.dataCenter, "always"),
        ])
    func killAndResume(deployment: JiraSandboxConfig.Deployment, bulkFetch: String) async throws {
        var faults = FaultPlan()
        faults.latencyMilliseconds = 15
        let harness = try await ImportHarness(JiraSandboxConfig(issues: 400, deployment: deployment, faults: faults))
        // The search chain, and ids listed first with the issues fetched in bulk, several pages at once.
        let config = try harness.configFile(extraSource: ["pageSize": 20, "bulkFetch": .string(bulkFetch)])
        // Kills are triggered by progress (after a seeded number of committed pages), not by the clock,
        // so a fast machine still kills every run mid-way. 400 issues at 20 a page: 20 pages a run.
        let totalPages = 20
        var random = SeededRandom(seed: 2024)
        var kills = 0
        let db = harness.workspace.db
        for _ in 0..<12 {
            let before = try db.scalar("SELECT COALESCE(MAX(id), 0) FROM import_jobs").int64Value ?? 0
            var target: Int?
            let result = try await CLIProcess.runAndKill(["run", config, "--quiet"], environment: harness.environment) {
                guard
                    let job = try db.queryOne(
                        "SELECT pages_count, resumed_from_job_id FROM import_jobs WHERE id > ? ORDER BY id DESC",
                        [.integer(before)])
                else { return false }
                if target == nil {
                    let initial =
                        try job.int64("resumed_from_job_id").map {
                            try db.scalar("SELECT pages_count FROM import_jobs WHERE id = ?", [.integer($0)]).intValue
                                ?? 0
                        } ?? 0
                    let remaining = totalPages - initial
                    target = remaining >= 2 ? initial + 1 + random.below(remaining - 1) : Int.max
                }
                return (job.int("pages_count") ?? 0) >= (target ?? Int.max)
            }
            if result.signalled { kills += 1 }
            #expect(result.signalled || result.status == 0, "run ended with \(result.status): \(result.stderr)")
            #expect(try WorkspaceDump.duplicateProvenance(harness.workspace.db).isEmpty)
            #expect(try harness.workspace.db.scalar("PRAGMA integrity_check").stringValue == "ok")
        }
        #expect(kills >= 10, "only \(kills) runs were killed mid-way")
        let final = try await CLIProcess.run(["run", config, "--quiet"], environment: harness.environment)
        #expect(final.status == 0, "\(final.stderr)")

        let reference = try await ImportHarness(JiraSandboxConfig(issues: 400, deployment: deployment))
        _ = try await reference.run(try reference.configFile(extraSource: ["pageSize": 20]))
        let got = try WorkspaceDump.canonical(harness.workspace.db).replacingOccurrences(
            of: harness.fixture.url, with: "SITE")
        let want = try WorkspaceDump.canonical(reference.workspace.db).replacingOccurrences(
            of: reference.fixture.url, with: "SITE")
        #expect(got == want)
        let jobs = try harness.workspace.jobs.list(owner: harness.owner, limit: 100)
        #expect(jobs.contains { $0.resumedFromJobID != nil }, "no run resumed an interrupted job")
        #expect(jobs.filter { $0.status == .running }.isEmpty)
        #expect(jobs.contains { ($0.error ?? "").contains("interrupted") })
    }
}
