import Foundation
import ImportCore
import ProviderSandbox
import TestSupport
import Testing

/// `tributary jobs show ID --changes`, `tributary revert JOB [--force]` and `tributary calibrate`,
/// run as the built binary against a workspace the sandbox filled.
@Suite("Review, revert and calibrate from the command line")
struct RevertCLITests {
    func tributary(_ arguments: [String], _ harness: ImportHarness) async throws -> CLIProcess.Result {
        try await CLIProcess.run(
            arguments + ["--db", harness.databasePath, "--owner", harness.owner.email],
            environment: harness.environment)
    }

    @Test("changes are listed, a revert over later changes is refused (exit 1) until --force, and is audited")
    func reviewAndRevert() async throws {
        let harness = try await ImportHarness(JiraSandboxConfig(issues: 60))
        let config = try harness.configFile()
        let first = try #require(try await harness.run(config).jobID)
        harness.sandbox.updateIssues(4)
        let second = try #require(try await harness.run(config, incremental: true).jobID)

        let changes = try await tributary(["jobs", "show", String(second), "--changes", "--json"], harness)
        #expect(changes.status == 0, "\(changes.stderr)")
        let listed = try JSONParser.parse(changes.stdout)
        let updated = (listed["changes"]?.arrayValue ?? []).filter {
            $0["table"]?.stringValue == "tasks" && $0["action"]?.stringValue == "update"
        }
        #expect(updated.count >= 4)
        #expect(updated.allSatisfy { $0["before"]?["title"]?.stringValue != nil })
        let text = try await tributary(["jobs", "show", String(second), "--changes"], harness)
        #expect(text.stdout.contains("changed tasks"), "\(text.stdout)")

        let refused = try await tributary(["revert", String(first)], harness)
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("job \(second)") && refused.stderr.contains("--force"), "\(refused.stderr)")
        #expect(try harness.count("tasks") == 60, "a refused revert changed something")

        let reverted = try await tributary(["revert", String(second)], harness)
        #expect(reverted.status == 0, "\(reverted.stderr)")
        #expect(reverted.stdout.contains("reverted job \(second) as job"), "\(reverted.stdout)")
        let forced = try await tributary(["revert", String(first), "--force", "--json"], harness)
        #expect(forced.status == 0, "\(forced.stderr)")
        #expect(try JSONParser.parse(forced.stdout)["removed"]?.intValue ?? 0 > 60)
        #expect(try harness.count("tasks") == 0)
        let audit = try await tributary(["audit", "--json"], harness)
        #expect(audit.stdout.contains("JIRA_IMPORT_REVERTED"))

        // Pruned now, the four jobs (two imports, two reverts) can no longer be reverted.
        let pruned = try await tributary(["jobs", "prune", "--keep-days", "0", "--json"], harness)
        #expect(pruned.status == 0, "\(pruned.stderr)")
        let answer = try JSONParser.parse(pruned.stdout)
        #expect(answer["prunedJobs"]?.intValue == 4, "\(pruned.stdout)")
        #expect(answer["removedFiles"]?.intValue == 0)
        let again = try await tributary(["jobs", "prune"], harness)
        #expect(
            again.stdout.contains("dropped the change journals of 0 jobs; removed 0 attachment files"),
            "\(again.stdout)")
        let lastRevert = try #require(try JSONParser.parse(forced.stdout)["revertJob"]?.intValue)
        let refusedPruned = try await tributary(["revert", String(lastRevert)], harness)
        #expect(refusedPruned.status == 1)
        #expect(refusedPruned.stderr.contains("pruned"), "\(refusedPruned.stderr)")
    }

    @Test("calibrate suggests hours per story point and how to apply it, or says there are too few tasks")
    func calibrate() async throws {
        let harness = try await ImportHarness(JiraSandboxConfig(issues: 300))
        harness.sandbox.logTimeByStoryPoints(hoursPerPoint: 4)
        _ = try await harness.run(try harness.configFile())
        let result = try await tributary(["calibrate", "--project", "Engineering", "--json"], harness)
        #expect(result.status == 0, "\(result.stderr)")
        let answer = try JSONParser.parse(result.stdout)
        let suggested = try #require(answer["suggestedHoursPerStoryPoint"]?.doubleValue)
        #expect(abs(suggested - 4) < 0.2)
        #expect(answer["apply"]?["mapping"]?["params"]?["hoursPerStoryPoint"]?.doubleValue == suggested)
        let text = try await tributary(["calibrate", "--project", "Engineering"], harness)
        #expect(text.stdout.contains("hours per story point") && text.stdout.contains("hoursPerStoryPoint"))

        let small = try await ImportHarness(JiraSandboxConfig(issues: 12))
        _ = try await small.run(try small.configFile())
        let few = try await tributary(["calibrate", "--project", "Engineering"], small)
        #expect(few.status == 0)
        #expect(few.stdout.contains("too few tasks"), "\(few.stdout)")
        let missing = try await tributary(["calibrate", "--project", "Nope"], small)
        #expect(missing.status == 1 && missing.stderr.contains("no destination project named"))
    }
}
