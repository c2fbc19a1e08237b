import Foundation
import ImportCore
import ProviderSandbox
import TestSupport
import Testing
import WorkspaceStore

@testable import TributaryCLI

/// `tributary sync`: scheduled incremental runs with backoff, a lock per config and `status`;
/// its timing rules alone, and three cycles of the built binary with the source failing in the second.
@Suite("Scheduled sync and status")
struct SyncTests {
    @Test("intervals as people write them; the next run: jitter around the interval, backoff after failures")
    func timing() {
        #expect(IntervalText.seconds("30m") == 1_800)
        #expect(IntervalText.seconds("1h30m") == 5_400)
        #expect(IntervalText.seconds("90") == 90)
        #expect(IntervalText.seconds("2d") == 172_800)
        for wrong in ["", "0s", "-5", "10x", "m", "400d"] { #expect(IntervalText.seconds(wrong) == nil, "\(wrong)") }
        let timing = SyncTiming(every: 1_800, jitter: 0.1, reconcileEvery: 12)
        #expect(timing.delay(failuresInRow: 0, unit: 0.5) == 1_800)
        #expect(timing.delay(failuresInRow: 0, unit: 0) == 1_620)
        #expect(timing.delay(failuresInRow: 0, unit: 1) == 1_980)
        // A tenth of the interval after a failure (at most five minutes), doubling, never past the interval.
        #expect(timing.delay(failuresInRow: 1, unit: 0.5) == 180)
        #expect(timing.delay(failuresInRow: 2, unit: 0.5) == 360)
        #expect(timing.delay(failuresInRow: 4, unit: 0.5) == 1_440)
        #expect(timing.delay(failuresInRow: 9, unit: 0.5) == 1_800)
        #expect(timing.reconciles(run: 12) && timing.reconciles(run: 24) && !timing.reconciles(run: 13))
        #expect(!SyncTiming(every: 60, jitter: 0, reconcileEvery: 0).reconciles(run: 12))
    }

    @Test(
        "three cycles with the source failing in the second: the third succeeds, status shows it; one scheduler per config"
    )
    func threeCycles() async throws {
        let harness = try await ImportHarness(JiraSandboxConfig(issues: 40, projects: 1))
        let config = try harness.configFile(projects: ["DEMO"])
        let sync = try CLIProcess.launch(
            ["sync", config, "--every", "6s", "--cycles", "3", "--jitter", "0", "--reconcile-every", "0"],
            environment: harness.environment)
        func entry() throws -> SyncScheduleRepository.Entry? { try harness.workspace.schedules.all().first }
        func wait(until condition: (SyncScheduleRepository.Entry) -> Bool) async throws {
            for _ in 0..<2_400 {
                if let found = try entry(), condition(found) { return }
                try await Task.sleep(nanoseconds: 50_000_000)
            }
            Issue.record("the scheduler did not get there: \(String(describing: try entry()))")
        }
        try await wait { $0.runs == 1 }
        // The source refuses the token for as long as the second cycle runs (until the scheduler
        // records its end); the third finds it well again, however slow this machine is.
        let workspace = harness.workspace
        harness.fixture.sandbox.intercept { _, emulator in
            let runs = (try? workspace.schedules.all().first?.runs) ?? 0
            guard runs == 1 else { return emulator() }
            return .json(401, #"{"errorMessages": ["Client must be authenticated to access this resource."]}"#)
        }
        // A second scheduler of the same config is refused while the first holds it.
        let second = try await CLIProcess.run(
            ["sync", config, "--every", "6s", "--cycles", "1"], environment: harness.environment)
        #expect(second.status == 1)
        #expect(second.stderr.contains("keeps \(config) in sync already"), "\(second.stderr)")
        let result = await sync.wait(timeout: 120)
        #expect(result.status == 0, "\(result.stdout)\n\(result.stderr)")
        let lines = result.stdout.split(separator: "\n").filter { $0.contains(" sync ") }
        #expect(lines.count == 3, "\(result.stdout)")
        #expect(lines.first?.contains("completed") == true && lines.last?.contains("completed") == true)
        #expect(lines.dropFirst().first?.contains("failed (1 in a row)") == true, "\(lines)")
        let status = try await CLIProcess.run(
            ["status", "--json"],
            environment: harness.environment.merging(["TRIBUTARY_DB": harness.databasePath]) { $1 })
        #expect(status.status == 0, "\(status.stderr)")
        let shown = try JSONParser.parse(status.stdout)[0]
        #expect(shown?["runs"]?.intValue == 3)
        #expect(shown?["failures"]?.intValue == 1)
        #expect(shown?["failuresInRow"]?.intValue == 0)
        #expect(shown?["lastOutcome"]?.stringValue == "completed")
        #expect(shown?["nextRunAt"] == .null, "the scheduler stopped after its cycles")
        #expect(try harness.count("tasks") == 40)
    }

    @Test("SIGTERM while waiting for the next run stops the scheduler at once and says so; status shows no next run")
    func terminate() async throws {
        let harness = try await ImportHarness(JiraSandboxConfig(issues: 20, projects: 1))
        let config = try harness.configFile(projects: ["DEMO"])
        let sync = try CLIProcess.launch(["sync", config, "--every", "1h"], environment: harness.environment)
        for _ in 0..<2_400 {
            if try harness.workspace.schedules.all().first?.nextRunAt != nil { break }
            try await Task.sleep(nanoseconds: 50_000_000)
        }
        let waiting = try #require(try harness.workspace.schedules.all().first)
        #expect(waiting.runs == 1 && waiting.lastOutcome == "completed")
        sync.send(SIGTERM)
        let result = await sync.wait(timeout: 30)
        #expect(result.status == 143, "\(result.stderr)")
        #expect(result.stderr.contains("stopped by SIGTERM"), "\(result.stderr)")
        #expect(try harness.workspace.schedules.all().first?.nextRunAt == nil)
    }
}
