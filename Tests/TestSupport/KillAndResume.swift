import Foundation
import ImportCore
import ProviderSandbox
import WorkspaceStore

/// The kill/resume drill the providers' tests share: the CLI runs a config and is killed with
/// SIGKILL once a seeded number of tasks more than before are committed, again and again until a
/// run finishes by itself, then once more to the end. No kill may leave a task twice.
public enum KillAndResume {
    /// What the drill did: the kills, the last run's result, and whether any kill left a duplicate.
    public struct Outcome: Sendable {
        public let kills: Int
        public let final: CLIProcess.Result
        public let duplicates: [String]
    }

    /// Drills `config` in `harness`'s workspace: each kill after 1–3 × `step` more tasks (seeded).
    public static func drill(
        _ config: String, in harness: some WorkspaceHarness, seed: UInt64, step: Int = 20, attempts: Int = 10
    ) async throws -> Outcome {
        var random = SeededRandom(seed: seed)
        var kills = 0
        var duplicates: [String] = []
        for _ in 0..<attempts {
            let target = try harness.count("tasks") + step * (1 + random.below(3))
            let result = try await CLIProcess.runAndKill(["run", config], environment: harness.environment) {
                try harness.count("tasks") >= target
            }
            duplicates += try WorkspaceDump.duplicateProvenance(harness.workspace.db)
            guard result.signalled else { break }
            kills += 1
        }
        let final = try await CLIProcess.run(["run", config], environment: harness.environment)
        return Outcome(kills: kills, final: final, duplicates: duplicates)
    }
}

extension WorkspaceDump {
    /// Whether two workspaces hold the same rows, each sandbox's address (`site`) aside.
    public static func same(_ first: SQLiteDatabase, site: String, as second: SQLiteDatabase, site other: String)
        throws -> Bool
    {
        try canonical(first).replacingOccurrences(of: site, with: "SITE")
            == canonical(second).replacingOccurrences(of: other, with: "SITE")
    }
}
