import Foundation
import ImportCore
import ProviderSandbox
import TestSupport
import Testing
import WorkspaceStore

@testable import TributaryCLI

#if canImport(Glibc)
    import Glibc
#endif

/// A newcomer's first hour, end to end with the built binary: the binary copied out of the repository
/// into an empty folder with an empty home, every printed `next:` hint run exactly as printed.
@Suite("A newcomer's first hour")
struct FirstHourTests {
    /// A folder outside the repository with a copy of the binary, an empty home and a working folder.
    struct Outside {
        let root = TemporaryDirectory("tributary-first-hour")
        let binary: URL
        var home: String { root.file("home") }
        var work: String { root.file("work") }

        init() throws {
            let bin = URL(fileURLWithPath: root.file("bin"))
            for folder in [bin.path, root.file("home"), root.file("work")] {
                try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            }
            binary = bin.appendingPathComponent("tributary")
            try Self.copyExecutable(from: CLIProcess.releaseBinary.path, to: binary.path)
        }

        /// Copies an executable with a close-on-exec descriptor: a child another test forks meanwhile
        /// must not inherit it open for writing, or executing the copy fails with "Text file busy".
        static func copyExecutable(from source: String, to target: String) throws {
            guard let data = FileManager.default.contents(atPath: source) else {
                throw CocoaError(.fileReadNoSuchFile)
            }
            let descriptor = open(target, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o755)
            guard descriptor >= 0 else { throw CocoaError(.fileWriteUnknown) }
            defer { close(descriptor) }
            var written = 0
            try data.withUnsafeBytes { buffer in
                while written < buffer.count {
                    let count = write(descriptor, buffer.baseAddress?.advanced(by: written), buffer.count - written)
                    guard count > 0 else { throw CocoaError(.fileWriteUnknown) }
                    written += count
                }
            }
        }

        /// Runs `arguments` with the copy, in the working folder, with nothing of the user's set.
        func run(_ arguments: [String], stdin: String? = nil, environment: [String: String] = [:]) async throws
            -> CLIProcess.Result
        {
            var env = ["HOME": home]
            for (key, value) in environment { env[key] = value }
            return try await CLIProcess.run(
                executable: binary, arguments, environment: env, stdin: stdin, directory: work)
        }

        /// Runs a printed command line (`tributary …`, words quoted for a POSIX shell) exactly as printed.
        func follow(_ line: String, stdin: String? = nil) async throws -> CLIProcess.Result {
            let words = FirstHourTests.words(line)
            #expect(words.first == "tributary", "not a tributary command: \(line)")
            return try await run(Array(words.dropFirst()), stdin: stdin)
        }
    }

    /// The words of a command line as a POSIX shell splits it (single quotes, backslash escapes).
    static func words(_ line: String) -> [String] {
        var words: [String] = []
        var current = ""
        var inWord = false
        var quoted = false
        var escaped = false
        for character in line {
            if escaped {
                current.append(character)
                escaped = false
            } else if quoted {
                if character == "'" { quoted = false } else { current.append(character) }
            } else if character == "'" {
                quoted = true
                inWord = true
            } else if character == "\\" {
                escaped = true
                inWord = true
            } else if character == " " {
                if inWord { words.append(current) }
                current = ""
                inWord = false
            } else {
                current.append(character)
                inWord = true
            }
        }
        if inWord { words.append(current) }
        return words
    }

    /// The command of the last `next: …` line of `output`.
    static func next(_ output: String) -> String? {
        output.split(separator: "\n").last { $0.hasPrefix("next: ") }.map { String($0.dropFirst("next: ".count)) }
    }

    @Test(
        "outside the repository, with an empty home: demo, connect, containers, new-config, preview, run, jobs, each next: hint as printed"
    )
    func firstHour() async throws {
        if ProcessInfo.processInfo.environment["CI"] == "true" {
            #expect(
                ProcessInfo.processInfo.environment["TRIBUTARY_RELEASE_BINARY"] != nil,
                "CI tests the release binary: .ci/run sets TRIBUTARY_RELEASE_BINARY")
        }
        let outside = try Outside()
        #expect(!outside.binary.path.hasPrefix(CLIProcess.repositoryRoot.path))

        // The README's first command, from a folder with no Providers/ and no Config/ anywhere above.
        let demo = try await outside.run(["demo", "--issues", "60"])
        #expect(demo.status == 0, "\(demo.stdout)\n\(demo.stderr)")
        #expect(demo.stdout.contains("job 1 completed"), "\(demo.stdout)")
        #expect(FileManager.default.fileExists(atPath: outside.home + "/.config/tributary/key"))
        let look = try #require(
            demo.stdout.split(separator: "\n").first {
                $0.trimmingCharacters(in: .whitespaces).hasPrefix("tributary jobs")
            })
        let jobs = try await outside.follow(look.trimmingCharacters(in: .whitespaces))
        #expect(jobs.status == 0 && jobs.stdout.contains("completed"), "\(jobs.stdout)\(jobs.stderr)")

        // Your own Jira (here: the sandbox on loopback), into ./tributary.sqlite, no owner set anywhere.
        let site = try JiraSandboxFixture(JiraSandboxConfig(issues: 40))
        let connect = try await outside.run(
            ["connect", "jira", "--name", "work", "--url", site.url, "--email", site.config.email, "--token-stdin"],
            stdin: site.config.apiToken)
        #expect(connect.status == 0, "\(connect.stderr)")
        var hint = try #require(Self.next(connect.stdout), "\(connect.stdout)")
        #expect(hint == "tributary containers work")
        for step in ["containers", "new-config", "preview", "run"] {
            let result = try await outside.follow(hint)
            #expect(result.status == 0, "\(step): \(hint)\n\(result.stdout)\n\(result.stderr)")
            hint = try #require(Self.next(result.stdout), "\(step) printed no next: hint\n\(result.stdout)")
        }
        #expect(hint.hasPrefix("tributary jobs show"), "\(hint)")
        let show = try await outside.follow(hint)
        #expect(show.status == 0 && show.stdout.contains("completed"), "\(show.stdout)\(show.stderr)")
        let workspace = try Workspace(path: outside.work + "/tributary.sqlite")
        #expect(try workspace.db.scalar("SELECT COUNT(*) FROM tasks").intValue == 20)
        #expect(try workspace.owners().map(\.email) == [site.config.email])
        let config = outside.work + "/work-demo.json"
        #expect(FileManager.default.fileExists(atPath: config))
        #expect(try !String(contentsOfFile: config, encoding: .utf8).contains("\"owner\""))
    }

    @Test("1. the owner follows from what was said; a stale TRIBUTARY_OWNER is named, never silently used")
    func owner() async throws {
        let outside = try Outside()
        let site = try JiraSandboxFixture(JiraSandboxConfig(issues: 10))
        let arguments = [
            "connect", "jira", "--name", "work", "--url", site.url, "--email", site.config.email, "--token-stdin",
        ]
        // With the demo's owner still exported, connect says whose connection it files.
        let stale = try await outside.run(
            arguments, stdin: site.config.apiToken, environment: ["TRIBUTARY_OWNER": "old.demo@example.com"])
        #expect(stale.status == 0, "\(stale.stderr)")
        #expect(
            stale.stderr.contains(
                "note: the owner is old.demo@example.com (TRIBUTARY_OWNER), not \(site.config.email); pass --owner EMAIL to choose"
            ), "\(stale.stderr)")
        // Without it, a second database: the account's email is the owner, and the hint just works.
        let fresh = try await outside.run(arguments + ["--db", "mine.sqlite"], stdin: site.config.apiToken)
        #expect(fresh.status == 0, "\(fresh.stderr)")
        let hint = try #require(Self.next(fresh.stdout))
        #expect(hint == "tributary containers work --db mine.sqlite")
        let containers = try await outside.follow(hint)
        #expect(containers.status == 0 && containers.stdout.contains("DEMO"), "\(containers.stderr)")
        // A command naming nothing uses the only owner there is.
        let connections = try await outside.run(["connections", "--db", "mine.sqlite"])
        #expect(connections.status == 0 && connections.stdout.contains("work"), "\(connections.stderr)")
    }

    @Test("4. relative paths in a config are relative to the config; a table on disk still overrides the built-in one")
    func configRelativePaths() async throws {
        let outside = try Outside()
        let site = try JiraSandboxFixture(JiraSandboxConfig(issues: 10))
        let folder = outside.work + "/configs"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let connect = try await outside.run(
            [
                "connect", "jira", "--name", "work", "--url", site.url, "--email", site.config.email, "--token-stdin",
                "--db", "configs/ws.sqlite",
            ], stdin: site.config.apiToken)
        #expect(connect.status == 0, "\(connect.stderr)")
        // A table next to the config, mapping titles with a prefix: it wins over the built-in one.
        var table = try String(
            contentsOf: CLIProcess.repositoryRoot.appendingPathComponent("Providers/jira/mapping.json"), encoding: .utf8
        )
        table = table.replacingOccurrences(
            of: #""transforms": ["text", "trim", "truncate(truncateTitle)"], "required": true"#,
            with: #""transforms": ["text", "trim", "template(OURS {value})"], "required": true"#)
        try table.write(toFile: folder + "/ours.json", atomically: true, encoding: .utf8)
        let config: JSONValue = [
            "database": "ws.sqlite", "connection": "work",
            "source": ["provider": "jira", "containers": ["DEMO"], "cap": .null],
            "destination": ["project": "Demo", "createProject": true], "mapping": ["table": "ours.json"],
        ]
        try JSONWriter(pretty: true).data(config).write(to: URL(fileURLWithPath: folder + "/run.json"))
        let run = try await outside.run(["run", "configs/run.json", "--quiet"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(!FileManager.default.fileExists(atPath: outside.work + "/ws.sqlite"), "not relative to the cwd")
        let workspace = try Workspace(path: folder + "/ws.sqlite")
        #expect(try workspace.db.scalar("SELECT COUNT(*) FROM tasks WHERE title LIKE 'OURS %'").intValue == 5)
    }

    @Test("4. a run whose table is missing opens no database; read-only commands never create one")
    func nothingCreatedOnFailure() async throws {
        let outside = try Outside()
        let config: JSONValue = [
            "connection": "work", "source": ["provider": "jira", "containers": ["DEMO"]],
            "destination": ["project": "Demo", "createProject": true], "mapping": ["table": "nowhere.json"],
        ]
        try JSONWriter(pretty: true).data(config).write(to: URL(fileURLWithPath: outside.work + "/run.json"))
        let run = try await outside.run(["run", "run.json"])
        #expect(run.status == 2, "\(run.stderr)")
        #expect(run.stderr.contains("no mapping table at \"nowhere.json\""), "\(run.stderr)")
        for command in [["jobs"], ["connections"], ["audit"], ["containers", "work"], ["disconnect", "work"]] {
            let result = try await outside.run(command + ["--db", "mistyped.sqlite"])
            #expect(result.status == 2, "\(command): \(result.stderr)")
            #expect(result.stderr.contains("there is no database at mistyped.sqlite"), "\(command): \(result.stderr)")
        }
        let folderAsDB = try await outside.run(["jobs", "--db", outside.home])
        #expect(folderAsDB.stderr.contains("is a folder, not a database file"), "\(folderAsDB.stderr)")
        let files = try FileManager.default.contentsOfDirectory(atPath: outside.work)
        #expect(files == ["run.json"], "\(files)")
    }

    @Test("5. migrate stops cleanly on Ctrl-C between pages, says how to resume, and the resumed batch completes")
    func migrateInterrupted() async throws {
        var config = JiraSandboxConfig(issues: 240, projects: 2)
        config.faults.latencyMilliseconds = 25
        let harness = try await ImportHarness(config)
        let first = try harness.configFile(name: "demo.json", projects: ["DEMO"], extraSource: ["pageSize": 10])
        let second = try harness.configFile(name: "ops.json", projects: ["OPS"], extraSource: ["pageSize": 10])
        let batch = harness.folder.file("batch.json")
        let document: JSONValue = [
            "runs": [["name": "demo", "config": .string(first)], ["name": "ops", "config": .string(second)]]
        ]
        try JSONWriter(pretty: true).data(document).write(to: URL(fileURLWithPath: batch))
        let arguments = ["migrate", batch, "--report-dir", harness.folder.path, "--db", harness.databasePath]
        let stopped = try await CLIProcess.runAndKill(arguments, environment: harness.environment, signal: SIGINT) {
            try harness.count("tasks") >= 30
        }
        #expect(!stopped.signalled && stopped.status == 130, "\(stopped.status): \(stopped.stderr)")
        #expect(stopped.stderr.contains("stopped: the batch stopped by Ctrl-C"), "\(stopped.stderr)")
        #expect(stopped.stderr.contains("resume: tributary migrate"), "\(stopped.stderr)")
        #expect(stopped.stdout.contains("interrupted"), "\(stopped.stdout)")
        let resumed = try await CLIProcess.run(arguments, environment: harness.environment)
        #expect(resumed.status == 0, "\(resumed.stderr)")
        #expect(resumed.stdout.contains("all 2 runs completed"), "\(resumed.stdout)")
        #expect(try harness.count("tasks") == 240)
    }

    @Test("6. a batch whose runs all fail says so first, with each run's reason, in the terminal, JSON and HTML")
    func failingBatchVerdict() async throws {
        let cli = try CLIHarness()
        let run: (String) -> JSONValue = { project in
            [
                "connection": "nobody", "source": ["provider": "jira", "containers": [.string(project)]],
                "destination": ["project": .string(project), "createProject": true],
            ]
        }
        let batch = try cli.write(
            "batch.json",
            [
                "report": ["json": "named.json", "html": "named.html"],
                "runs": [
                    ["name": "a", "config": run("A")], ["name": "b", "config": run("B")],
                    ["name": "c", "config": run("C")],
                ],
            ])
        let result = try await cli.run(["migrate", batch, "--report-dir", cli.folder.path])
        #expect(result.status == 1)
        // 3. The flag wins over the batch's own report paths, and says so.
        #expect(
            result.stderr.contains("note: --report-dir \(cli.folder.path) is used; the report paths in"),
            "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: cli.folder.file("named.json")))
        #expect(result.stdout.contains("3 of 3 runs failed: a, b, c"), "\(result.stdout)")
        #expect(result.stdout.contains("a: no connection named \"nobody\""), "\(result.stdout)")
        let json = try JSONParser.parse(
            try Data(contentsOf: URL(fileURLWithPath: cli.folder.file("migration-report.json"))))
        #expect(json["ok"] == false && json["verdict"] == "3 of 3 runs failed: a, b, c")
        let html = try String(contentsOfFile: cli.folder.file("migration-report.html"), encoding: .utf8)
        #expect(html.contains("class=\"verdict bad\">3 of 3 runs failed: a, b, c"))
    }

    @Test("7. connections: disconnect twice is refused, connect revives the name, Cloud needs --email up front")
    func connectionStumbles() async throws {
        let cli = try CLIHarness()
        let site = try JiraSandboxFixture(JiraSandboxConfig(issues: 5))
        let connect = ["connect", "jira", "--name", "work", "--url", site.url, "--token-stdin"]
        let noEmail = try await cli.run(connect, stdin: site.config.apiToken)
        #expect(noEmail.status == 2, "a usage error, not an HTTP 401: \(noEmail.stderr)")
        #expect(noEmail.stderr.contains("add --email"), "\(noEmail.stderr)")
        #expect(site.sandbox.requestCounts.isEmpty, "nothing was sent")
        let withEmail = connect + ["--email", site.config.email]
        #expect(try await cli.run(withEmail, stdin: site.config.apiToken).status == 0)
        let off = try await cli.run(["disconnect", "work"])
        #expect(off.status == 0 && off.stdout.contains("0 imported jira tasks are kept"), "\(off.stdout)")
        let again = try await cli.run(["disconnect", "work"])
        #expect(again.status == 1 && again.stderr.contains("already disconnected"), "\(again.stderr)")
        let revived = try await cli.run(withEmail, stdin: site.config.apiToken)
        #expect(revived.status == 0, "\(revived.stderr)")
        let audit = try cli.workspace().audit.list(
            owner: try #require(try cli.workspace().existingOwner(email: "alice@example.com")))
        #expect(audit.filter { $0.action == "JIRA_REVOKED" }.count == 1)
        #expect(audit.filter { $0.action == "JIRA_CONNECTED" }.count == 2)
        #expect(try await cli.run(["containers", "work"]).status == 0)
        let help = try await cli.run(["rotate", "--help"])
        #expect(!help.stdout.contains("--email"), "\(help.stdout)")
    }

    @Test("7. clear errors: IPv6 literals, jobs --limit 0, usage errors under --json, migrate -q, demo's usage")
    func clearErrors() async throws {
        let cli = try CLIHarness()
        let literal = try await cli.run(
            ["connect", "jira", "--name", "v6", "--url", "http://[::1]:9", "--email", "a@b.c", "--token-stdin"],
            stdin: "token")
        #expect(literal.status == 2 && literal.stderr.contains("IPv6"), "\(literal.stderr)")
        let zero = try await cli.run(["jobs", "--limit", "0"])
        #expect(
            zero.status == 2 && zero.stderr.contains("--limit takes a whole number from 1 to 10000"), "\(zero.stderr)")
        let json = try await cli.run(["jobs", "--limti", "3", "--json"])
        #expect(json.status == 2)
        #expect(try JSONParser.parse(json.stdout)["error"]?["exitCode"] == 2, "\(json.stdout)")
        let quiet = try await cli.run(["migrate", "-q"])
        #expect(!quiet.stderr.contains("unknown option"), "\(quiet.stderr)")
        let demoHelp = try await cli.run(["demo", "--help"])
        #expect(
            demoHelp.stdout.contains(
                "demo [--provider jira|linear|asana|clickup] [--db PATH] [--owner EMAIL] [--issues N]"))
        let wizardJSON = try await cli.run(["wizard", "--json"])
        #expect(wizardJSON.status == 2 && wizardJSON.stderr.contains("no --json output"), "\(wizardJSON.stderr)")
    }

    @Test("7. a long list of unmatched milestones stays one readable line")
    func boundedLines() {
        var counts: [String: Int] = [:]
        for index in 0..<300 {
            counts[String(repeating: "Quite a long epic title \(index) ", count: 4)] = index % 7 + 1
        }
        let line = RunCommand.summary(counts, show: 5) { "\"\($0)\"" }
        #expect(line.count < 400, "\(line.count)")
        #expect(line.hasSuffix("and 295 more (`tributary jobs show` lists all)"))
    }
}
