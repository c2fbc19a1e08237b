import Foundation
import ImportCore
import ProviderSandbox
import TestSupport
import Testing
import WorkspaceStore

#if canImport(Glibc)
    import Glibc
#endif

/// Ctrl-C, SIGTERM and a closed output pipe end a run cleanly: whole pages kept, the job interrupted
/// and audited, a resume hint printed, and the next run resumes with counts that add up.
@Suite("Clean stops: Ctrl-C, SIGTERM, a closed pipe")
struct CleanStopTests {
    /// A sandbox slow enough (30 ms a response, pages of 10) that a signal lands mid-run.
    static func slowHarness(issues: Int = 200) async throws -> ImportHarness {
        var config = JiraSandboxConfig(issues: issues)
        config.faults.latencyMilliseconds = 30
        return try await ImportHarness(config)
    }

    @Test(
        "a signal mid-run: exit 128+N, whole pages kept, job interrupted and audited, resume completes exactly",
        arguments: [(SIGINT, Int32(130), "stopped by Ctrl-C"), (SIGTERM, Int32(143), "stopped by SIGTERM")])
    func signalMidRun(_ signal: Int32, _ code: Int32, _ words: String) async throws {
        let harness = try await Self.slowHarness()
        let config = try harness.configFile(projects: ["DEMO", "OPS"], extraSource: ["pageSize": 10])
        let stopped = try await CLIProcess.runAndKill(
            ["run", config], environment: harness.environment, signal: signal
        ) { try harness.count("tasks") >= 30 }
        #expect(!stopped.signalled, "the process must end by itself: \(stopped.stderr)")
        #expect(stopped.status == code, "\(stopped.status): \(stopped.stderr)")
        #expect(stopped.stderr.contains("stopped: job 1 \(words) after"), "\(stopped.stderr)")
        #expect(stopped.stderr.contains("resume: tributary run \(config)"), "\(stopped.stderr)")
        let kept = try harness.count("tasks")
        #expect(kept % 10 == 0 && kept > 0 && kept < 200, "only whole pages: \(kept)")
        let job = try #require(try harness.workspace.jobs.list(owner: harness.owner, limit: 5).first)
        #expect(job.status == .interrupted)
        #expect(job.error == words)
        #expect(job.counts.created == kept)
        let audit = try harness.workspace.audit.list(owner: harness.owner, limit: 20).map(\.action)
        #expect(audit.contains("JIRA_IMPORT_INTERRUPTED"), "\(audit)")
        #expect(try harness.count("tasks", "1") == kept)

        let resumed = try await CLIProcess.run(["run", config, "--quiet"], environment: harness.environment)
        #expect(resumed.status == 0, "\(resumed.stderr)")
        #expect(resumed.stdout.contains("resumed job 1"), "\(resumed.stdout)")
        #expect(try harness.count("tasks") == 200)
        let final = try #require(try harness.workspace.jobs.list(owner: harness.owner, limit: 5).first)
        #expect(final.status == .completed)
        #expect(final.counts.created == 200 && final.counts.unchanged == 0, "\(final.counts)")
    }

    @Test("a closed output pipe ends the run like Ctrl-C: no crash, no running job, the next run's counts are right")
    func closedPipe() async throws {
        let harness = try await Self.slowHarness(issues: 120)
        let config = try harness.configFile(projects: ["DEMO", "OPS"], extraSource: ["pageSize": 10])
        let binary = CLIProcess.binary.path
        // `tributary run … | head -2`: head leaves after two lines, the run goes on writing.
        let shell = try await CLIProcess.shell(
            "'\(binary)' run '\(config)' | head -2 > /dev/null; echo \"status ${PIPESTATUS[0]}\"",
            environment: harness.environment)
        #expect(shell.stdout.contains("status 141"), "\(shell.stdout) \(shell.stderr)")
        #expect(!shell.stderr.contains("Fatal error"), "\(shell.stderr)")
        let jobs = try harness.workspace.jobs.list(owner: harness.owner, limit: 5)
        #expect(jobs.allSatisfy { $0.status != .running }, "\(jobs.map(\.status))")
        let kept = try harness.count("tasks")
        let again = try await CLIProcess.run(["run", config, "--quiet"], environment: harness.environment)
        #expect(again.status == 0, "\(again.stderr)")
        let last = try #require(try harness.workspace.jobs.list(owner: harness.owner, limit: 1).first)
        #expect(
            last.counts.created + last.counts.unchanged + last.counts.updated == 120, "\(last.counts), kept \(kept)")
        #expect(last.counts.unchanged == 0, "nothing is counted twice: \(last.counts)")
        #expect(try harness.count("tasks") == 120)
    }
}
