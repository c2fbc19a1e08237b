import Foundation
import ImportCore
import ProviderSandbox
import TestSupport
import Testing

@Suite("Crash safety and concurrent runs")
struct CrashAndConcurrencyTests {
    @Test("SIGKILL at seeded random moments during migrate: the batch resumes to the same content, no duplicates")
    func killMigrate() async throws {
        var faults = FaultPlan()
        faults.latencyMilliseconds = 25
        let harness = try await ImportHarness(JiraSandboxConfig(issues: 1200, projects: 3, faults: faults))
        let runConfig: (String) -> JSONValue = { project in
            [
                "connection": "work",
                "source": ["provider": "jira", "projects": [.string(project)], "cap": .null, "pageSize": 20],
                "destination": ["project": .string("Imported \(project)"), "createProject": true],
            ]
        }
        let batchPath = harness.folder.file("batch.json")
        let batch: JSONValue = [
            "owner": .string(harness.owner.email), "database": .string(harness.databasePath),
            "report": ["json": .string(harness.folder.file("r.json")), "html": .string(harness.folder.file("r.html"))],
            "runs": [
                ["name": "demo", "config": runConfig("DEMO")], ["name": "ops", "config": runConfig("OPS")],
                ["name": "web", "config": runConfig("WEB")],
            ],
        ]
        try JSONWriter(pretty: true).data(batch).write(to: URL(fileURLWithPath: batchPath))
        var random = SeededRandom(seed: 77)
        var kills = 0
        var attempts = 0
        while attempts < 30 {
            attempts += 1
            // Killed after a seeded number of committed pages (20 tasks each), not after a time: a fast
            // machine still kills mid-batch.
            let target = try harness.count("tasks") + 20 * (1 + random.below(4))
            let result = try await CLIProcess.runAndKill(["migrate", batchPath], environment: harness.environment) {
                try harness.count("tasks") >= target
            }
            #expect(try WorkspaceDump.duplicateProvenance(harness.workspace.db).isEmpty)
            #expect(try harness.workspace.db.scalar("PRAGMA integrity_check").stringValue == "ok")
            guard result.signalled else { break }
            kills += 1
        }
        let final = try await CLIProcess.run(["migrate", batchPath], environment: harness.environment)
        #expect(final.status == 0, "\(final.stderr)")
        #expect(try harness.count("tasks") == 1200)
        let reference = try await ImportHarness(JiraSandboxConfig(issues: 1200, projects: 3))
        for project in ["DEMO", "OPS", "WEB"] {
            _ = try await reference.run(
                try reference.configFile(
                    name: "\(project).json", projects: [project], extraSource: ["pageSize": 20],
                    destination: ["project": .string("Imported \(project)"), "createProject": true]))
        }
        #expect(
            try WorkspaceDump.canonical(harness.workspace.db).replacingOccurrences(
                of: harness.fixture.url, with: "SITE")
                == WorkspaceDump.canonical(reference.workspace.db).replacingOccurrences(
                    of: reference.fixture.url, with: "SITE"))
        let jobs = try harness.workspace.jobs.list(owner: harness.owner, limit: 200)
        #expect(jobs.filter { $0.status == .running }.isEmpty)
        figure(
            "migrate killed \(kills) times (SIGKILL after a seeded 1–4 committed pages each time), \(jobs.count) jobs, 1200/1200 records, content identical to an uninterrupted batch, 0 duplicates, integrity ok"
        )
        #expect(kills >= 8)
    }

    @Test("two runs of one config on one database: the second refuses with a clear message; no corruption")
    func concurrentSameConfig() async throws {
        var faults = FaultPlan()
        faults.latencyMilliseconds = 40
        let harness = try await ImportHarness(JiraSandboxConfig(issues: 400, faults: faults))
        // One request at a time: the first run must still be going when the others ask for the lock.
        let config = try harness.configFile(extraSource: ["pageSize": 5, "maxConcurrentRequests": 1])
        let first = try CLIProcess.launch(["run", config, "--quiet"], environment: harness.environment)
        // Start the others once the first holds its lock (its job is running), and slow the source
        // meanwhile so the first cannot finish before they have asked for the lock.
        var waited = 0
        while try harness.workspace.jobs.list(owner: harness.owner).first?.status != .running && waited < 3000 {
            try await Task.sleep(nanoseconds: 10_000_000)
            waited += 1
        }
        faults.latencyMilliseconds = 1000
        harness.sandbox.setFaults(faults)
        let second = try await CLIProcess.run(["run", config, "--quiet"], environment: harness.environment)
        // The lock lives beside the database: another temporary folder is the same lock.
        let elsewhere = TemporaryDirectory("tributary-tmp")
        var environment = harness.environment
        environment["TMPDIR"] = elsewhere.path
        let third = try await CLIProcess.run(["run", config, "--quiet"], environment: environment)
        faults.latencyMilliseconds = 0
        harness.sandbox.setFaults(faults)
        let firstResult = await first.wait()
        #expect(firstResult.status == 0, "\(firstResult.stderr)")
        #expect(second.status == 1)
        #expect(second.stderr.contains("another import of the same config is running"))
        #expect(second.stderr.contains("pid "))
        #expect(third.status == 1 && third.stderr.contains("another import of the same config is running"))
        #expect(try harness.count("tasks") == 400)
        #expect(try harness.workspace.db.scalar("PRAGMA integrity_check").stringValue == "ok")
        #expect(try WorkspaceDump.duplicateProvenance(harness.workspace.db).isEmpty)
    }

    @Test("disconnect during a run stops the run after its current page; what was committed stays")
    func disconnectStopsRun() async throws {
        var faults = FaultPlan()
        faults.latencyMilliseconds = 60
        // 60 pages of 60 ms or more: starting `disconnect` on a busy machine takes far less.
        let harness = try await ImportHarness(JiraSandboxConfig(issues: 600, faults: faults))
        // One request at a time: pages come one after another, as the comment above counts them.
        let config = try harness.configFile(extraSource: ["pageSize": 10, "maxConcurrentRequests": 1])
        let run = try CLIProcess.launch(["run", config, "--quiet"], environment: harness.environment)
        var waited = 0
        while try harness.count("tasks") == 0 && waited < 3000 {
            try await Task.sleep(nanoseconds: 10_000_000)
            waited += 1
        }
        let disconnect = try await CLIProcess.run(
            ["disconnect", harness.connectionName, "--db", harness.databasePath, "--owner", harness.owner.email],
            environment: harness.environment)
        #expect(disconnect.status == 0, "\(disconnect.stderr)")
        let result = await run.wait()
        #expect(result.status != 0)
        #expect(result.stderr.contains("was disconnected while this import ran"), "\(result.stderr)")
        let tasks = try harness.count("tasks")
        #expect(tasks > 0 && tasks < 600, "\(tasks)")
        let job = try #require(try harness.workspace.jobs.list(owner: harness.owner).first)
        #expect(job.status == .failed)
    }

    @Test("a symlink planted where the lock goes is refused and its target left alone")
    func plantedLockSymlink() async throws {
        let harness = try await ImportHarness(JiraSandboxConfig(issues: 5))
        let config = try harness.configFile()
        let victim = harness.folder.file("victim.txt")
        try Data("precious".utf8).write(to: URL(fileURLWithPath: victim))
        let locks = harness.databasePath + ".locks"
        try? FileManager.default.removeItem(atPath: locks)
        try FileManager.default.createSymbolicLink(atPath: locks, withDestinationPath: harness.folder.path)
        let refused = try await CLIProcess.run(["run", config, "--quiet"], environment: harness.environment)
        #expect(refused.status == 1 && refused.stderr.contains("is not a folder of yours"), "\(refused.stderr)")
        try FileManager.default.removeItem(atPath: locks)
        // A planted symlink in place of the lock file itself.
        let run = try await CLIProcess.run(["run", config, "--quiet"], environment: harness.environment)
        #expect(run.status == 0, "\(run.stderr)")
        let lockFiles = try FileManager.default.contentsOfDirectory(atPath: locks)
        for file in lockFiles {
            try FileManager.default.removeItem(atPath: locks + "/" + file)
            try FileManager.default.createSymbolicLink(atPath: locks + "/" + file, withDestinationPath: victim)
        }
        #expect(!lockFiles.isEmpty)
        let again = try await CLIProcess.run(["run", config, "--quiet"], environment: harness.environment)
        #expect(again.status == 1 && again.stderr.contains("it is a symlink"), "\(again.stderr)")
        #expect(try String(contentsOfFile: victim, encoding: .utf8) == "precious")
    }

    @Test("two different configs on one database at once both complete (SQLite waits, never corrupts)")
    func concurrentDifferentConfigs() async throws {
        var faults = FaultPlan()
        faults.latencyMilliseconds = 5
        let harness = try await ImportHarness(JiraSandboxConfig(issues: 200, faults: faults))
        let demo = try harness.configFile(
            name: "demo.json", projects: ["DEMO"], destination: ["project": "A", "createProject": true])
        let ops = try harness.configFile(
            name: "ops.json", projects: ["OPS"], destination: ["project": "B", "createProject": true])
        let a = try CLIProcess.launch(["run", demo, "--quiet"], environment: harness.environment)
        let b = try CLIProcess.launch(["run", ops, "--quiet"], environment: harness.environment)
        let (resultA, resultB) = await (a.wait(), b.wait())
        #expect(resultA.status == 0, "\(resultA.stderr)")
        #expect(resultB.status == 0, "\(resultB.stderr)")
        #expect(try harness.count("tasks") == 200)
        #expect(try harness.workspace.db.scalar("PRAGMA integrity_check").stringValue == "ok")
    }
}
