import Foundation
import ImportCore
import ProviderSandbox
import TestSupport
import Testing

@Suite("A user's session, verb by verb, against the sandbox")
struct SessionTests {
    func connect(_ cli: CLIHarness, _ fixture: JiraSandboxFixture, name: String = "work", token: String? = nil)
        async throws
        -> CLIProcess.Result
    {
        try await cli.run(
            [
                "connect", "jira", "--name", name, "--url", fixture.url + "/browse/DEMO-1", "--email",
                fixture.config.email, "--token-stdin",
            ],
            stdin: (token ?? fixture.config.apiToken) + "\n")
    }

    func config(
        _ cli: CLIHarness, name: String = "run.json", projects: [String] = ["DEMO", "OPS"], cap: JSONValue = .null,
        extra: [String: JSONValue] = [:]
    ) throws -> String {
        var source: [String: JSONValue] = [
            "provider": "jira", "projects": .array(projects.map(JSONValue.string)), "cap": cap, "pageSize": 50,
            // The search chain: these tests count its requests (bulk fetching would be chosen by latency).
            "bulkFetch": "never",
        ]
        for (key, value) in extra { source[key] = value }
        return try cli.write(
            name,
            [
                "connection": "work", "source": .object(source),
                "destination": ["project": "Engineering", "createProject": true],
                "mapping": [
                    "table": .string(
                        CLIProcess.repositoryRoot.appendingPathComponent("Providers/jira/mapping.json").path)
                ],
            ])
    }

    @Test("connect verifies and stores encrypted; a wrong token exits 3 with Jira's message and stores nothing")
    func connectAndConnections() async throws {
        let cli = try CLIHarness()
        let fixture = try JiraSandboxFixture(JiraSandboxConfig(issues: 10))
        let wrong = try await connect(cli, fixture, token: "wrong-token-value")
        #expect(wrong.status == 3)
        #expect(wrong.stderr.contains("jira says: Client must be authenticated to access this resource."))
        #expect(wrong.stderr.contains("hint:"))
        #expect(!wrong.stderr.contains("wrong-token-value"))
        let good = try await connect(cli, fixture)
        #expect(good.status == 0, "\(good.stderr)")
        #expect(good.stdout.contains("connected \"work\": Jira at \(fixture.url) as Demo Importer"))
        #expect(good.stdout.contains("time zone Australia/Sydney"))
        let list = try await cli.run(["connections"])
        #expect(list.stdout.contains("work"))
        #expect(list.stdout.contains("email-token"))
        #expect(!list.stdout.contains(fixture.config.apiToken))
        let again = try await connect(cli, fixture)
        #expect(again.status == 1)
        #expect(again.stderr.contains("already exists"))
        let json = try await JSONParser.parse(try cli.run(["connections", "--json"]).stdout)
        #expect(json[0]?["hasToken"] == true)
        // The token from an environment variable, for scripts.
        let viaEnv = try await cli.run(
            [
                "connect", "jira", "--name", "env", "--url", fixture.url, "--email", fixture.config.email,
                "--token-env", "MY_TOKEN",
            ],
            extra: ["MY_TOKEN": fixture.config.apiToken])
        #expect(viaEnv.status == 0, "\(viaEnv.stderr)")
        // Another owner sees nothing of Alice's.
        await #expect(
            try cli.run(["connections"], owner: "bob@example.com").stdout.contains("no connections for bob@example.com")
        )
    }

    @Test("containers, with the empty-list hint")
    func containers() async throws {
        let cli = try CLIHarness()
        let fixture = try JiraSandboxFixture(JiraSandboxConfig(issues: 10, forbiddenProjects: []))
        _ = try await connect(cli, fixture)
        let result = try await cli.run(["containers", "work"])
        #expect(result.status == 0)
        #expect(result.stdout.contains("DEMO  Demo Product"))
        #expect(result.stdout.contains("2 projects"))
        let hidden = try JiraSandboxFixture(JiraSandboxConfig(issues: 10, forbiddenProjects: ["DEMO", "OPS"]))
        _ = try await connect(cli, hidden, name: "blind")
        let empty = try await cli.run(["containers", "blind"])
        #expect(empty.stdout.contains("no projects visible to this account"))
        #expect(empty.stdout.contains("Browse Projects"))
    }

    @Test("preview shows source → mapped values and writes nothing")
    func preview() async throws {
        let cli = try CLIHarness()
        let fixture = try JiraSandboxFixture(JiraSandboxConfig(issues: 40))
        _ = try await connect(cli, fixture)
        let result = try await cli.run(["preview", try config(cli), "--sample", "3"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("TARGET"))
        #expect(result.stdout.contains("fields.status.statusCategory.key"))
        #expect(result.stdout.contains("an import would create 3, update 0"))
        #expect(try cli.workspace().db.scalar("SELECT COUNT(*) FROM tasks").intValue == 0)
        #expect(try cli.workspace().db.scalar("SELECT COUNT(*) FROM import_jobs").intValue == 0)
    }

    @Test("run: the report, idempotent re-runs, incremental, dry run, JSON lines, and a partial run (exit 4)")
    func run() async throws {
        let cli = try CLIHarness()
        let fixture = try JiraSandboxFixture(JiraSandboxConfig(issues: 120))
        _ = try await connect(cli, fixture)
        let path = try config(cli)
        let first = try await cli.run(["run", path])
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout.contains("job 1 completed: full import from jira into \"Engineering\""))
        #expect(first.stdout.contains("created    120"))
        #expect(first.stdout.contains("page 3: 120/120 records"))
        #expect(first.stdout.contains("unmatched assignees"))
        let second = try await cli.run(["run", path])
        #expect(second.stdout.contains("unchanged  120"))
        fixture.sandbox.updateIssues(4)
        let incremental = try await cli.run(["run", path, "--incremental"])
        #expect(incremental.stdout.contains("incremental import"))
        #expect(incremental.stdout.contains("updated    4"))
        fixture.sandbox.updateIssues(2)
        let dry = try await cli.run(["run", path, "--dry-run"])
        #expect(dry.stdout.contains("dry run (nothing written)"))
        #expect(dry.stdout.contains("would be updated  2"))
        #expect(dry.stdout.contains("title: "))
        // The sandbox's edit adds a comment: the dry run says which children and how, not "∅ → changed".
        #expect(dry.stdout.contains(" (1 added)"), "\(dry.stdout)")
        #expect(!dry.stdout.contains("children: ∅ → changed"))
        let lines = try await cli.run(["run", path, "--json"]).stdout.split(separator: "\n").map {
            try JSONParser.parse(String($0))
        }
        #expect(lines.first?["event"] == "started")
        #expect(lines.last?["event"] == "finished")
        #expect(lines.last?["report"]?["counts"]?["updated"] == 2)
        let victim = fixture.sandbox.issueIDs[3]
        fixture.sandbox.replaceIssueJSON(
            id: victim,
            with: Array(
                #"{"id":"\#(victim)","key":"BROKEN-1","fields":{"summary":null,"updated":"2031-01-01T00:00:00.000+0000"}}"#
                    .utf8))
        let partial = try await cli.run(["run", path])
        #expect(partial.status == 4)
        #expect(partial.stdout.contains("failed: BROKEN-1: task.fields[5]: title: required but empty"))
    }

    @Test("run --verbose logs each request with status and time to stderr, and never the token")
    func verbose() async throws {
        let cli = try CLIHarness()
        let fixture = try JiraSandboxFixture(JiraSandboxConfig(issues: 60))
        _ = try await connect(cli, fixture)
        let result = try await cli.run(["run", try config(cli), "--verbose", "--quiet"])
        #expect(result.status == 0, "\(result.stderr)")
        let lines = result.stderr.split(separator: "\n").map(String.init)
        let searches = lines.filter { $0.contains("POST \(fixture.url)/rest/api/3/search/jql → 200") }
        #expect(searches.count == 2, "\(result.stderr)")
        #expect(lines.allSatisfy { $0.hasPrefix("[") && $0.contains(" ms, attempt ") }, "\(result.stderr)")
        let basic = Data("\(fixture.config.email):\(fixture.config.apiToken)".utf8).base64EncodedString()
        #expect(!result.stderr.contains(fixture.config.apiToken) && !result.stderr.contains(basic))
        #expect(result.stdout.contains("created    60"))
        let quiet = try await cli.run(["run", try config(cli, name: "again.json")])
        #expect(quiet.stderr.isEmpty, "without --verbose nothing is logged: \(quiet.stderr)")
    }

    @Test("bad configs: every problem with its path, exit 2, nothing written")
    func badConfigs() async throws {
        let cli = try CLIHarness()
        let broken = try cli.write(
            "broken.json",
            [
                "connection": "work",
                "source": ["provider": "jira", "projcts": ["X"], "cap": "lots", "includeClosed": "yes"],
                "mapping": ["table": "nowhere.json"], "extra": 1,
            ])
        let result = try await cli.run(["run", broken])
        #expect(result.status == 2)
        for line in [
            "extra: unknown key \"extra\"", "source.projcts: unknown key \"projcts\"; did you mean \"projects\"?",
            "source.projects: missing", "source.cap: must be a whole number ≥ 1, or null",
            "source.includeClosed: must be true or false",
            "destination: missing",
        ] {
            #expect(result.stderr.contains(line), "missing: \(line)\n\(result.stderr)")
        }
        let notJSON = cli.folder.file("not.json")
        try "{\n  \"source\": { nope".write(toFile: notJSON, atomically: true, encoding: .utf8)
        let unparsable = try await cli.run(["run", notJSON])
        #expect(unparsable.stderr.contains("$: not JSON: invalid JSON at line 2, column"), "\(unparsable.stderr)")
        let secret = try cli.write(
            "secret.json",
            [
                "connection": ["provider": "jira", "url": "https://a.atlassian.net", "token": "abc", "tokenEnv": "X"],
                "source": ["provider": "jira", "projects": ["A"]], "destination": ["project": "P"],
            ])
        await #expect(try cli.run(["run", secret]).stderr.contains("secrets never go in a config file"))
        #expect(!FileManager.default.fileExists(atPath: cli.database))
    }

    @Test("jobs, jobs show and audit")
    func history() async throws {
        let cli = try CLIHarness()
        let fixture = try JiraSandboxFixture(JiraSandboxConfig(issues: 30))
        _ = try await connect(cli, fixture)
        _ = try await cli.run(["run", try config(cli)])
        let jobs = try await cli.run(["jobs", "--limit", "5"])
        #expect(jobs.stdout.contains("1   completed  full  jira"))
        let show = try await cli.run(["jobs", "show", "1"])
        #expect(show.stdout.contains("job 1: completed (full import from jira)"))
        #expect(show.stdout.contains("created 30, updated 0, unchanged 0, deleted 0, failed 0"))
        await #expect(try cli.run(["jobs", "show", "99"]).stderr.contains("no import job 99"))
        let json = try await JSONParser.parse(try cli.run(["jobs", "show", "1", "--json"]).stdout)
        #expect(json["report"]?["counts"]?["created"] == 30)
        let audit = try await cli.run(["audit"])
        for action in ["JIRA_CONNECTED", "JIRA_IMPORT_STARTED", "JIRA_IMPORT_COMPLETED"] {
            #expect(audit.stdout.contains(action))
        }
        await #expect(try cli.run(["audit", "--since", "2999-01-01"]).stdout.contains("no audit entries"))
        await #expect(try cli.run(["jobs"], owner: "bob@example.com").stdout.contains("no import jobs yet"))
    }

    @Test("rotate verifies the new token; disconnect deletes it and keeps the imported rows")
    func rotateAndDisconnect() async throws {
        let cli = try CLIHarness()
        let fixture = try JiraSandboxFixture(JiraSandboxConfig(issues: 20))
        _ = try await connect(cli, fixture)
        _ = try await cli.run(["run", try config(cli)])
        let bad = try await cli.run(["rotate", "work", "--token-stdin"], stdin: "nope-nope-nope")
        #expect(bad.status == 3)
        let good = try await cli.run(["rotate", "work", "--token-stdin"], stdin: fixture.config.apiToken)
        #expect(good.status == 0, "\(good.stderr)")
        let gone = try await cli.run(["disconnect", "work"])
        #expect(gone.stdout.contains("its token is deleted; 20 imported jira tasks are kept"))
        let workspace = try cli.workspace()
        #expect(
            try workspace.db.scalar("SELECT COUNT(*) FROM connections WHERE encrypted_secret IS NOT NULL").intValue == 0
        )
        #expect(try workspace.db.scalar("SELECT COUNT(*) FROM tasks WHERE external_source = 'jira'").intValue == 20)
        await #expect(try cli.run(["audit"]).stdout.contains("JIRA_REVOKED"))
        let after = try await cli.run(["run", try config(cli)])
        #expect(after.status == 1)
        #expect(after.stderr.contains("was disconnected"))
    }

    @Test("mapping check: shipped tables pass, a broken one lists every problem (exit 2)")
    func mappingCheck() async throws {
        let cli = try CLIHarness()
        for provider in ["jira", "asana", "linear", "clickup"] {
            let result = try await cli.run([
                "mapping", "check",
                CLIProcess.repositoryRoot.appendingPathComponent("Providers/\(provider)/mapping.json").path,
            ])
            #expect(result.status == 0, "\(provider): \(result.stderr)")
            #expect(result.stdout.contains("valid \(provider) mapping table"))
        }
        let broken = try cli.write(
            "broken-mapping.json",
            [
                "format": 1, "provider": "jira",
                "task": [
                    "fields": [
                        ["target": "external_id", "from": "id"], ["target": "titel", "from": "fields.summary"],
                        ["target": "status", "from": "x", "transforms": ["trunc(3)"]],
                    ]
                ],
            ])
        let result = try await cli.run(["mapping", "check", broken])
        #expect(result.status == 2)
        #expect(
            result.stderr.contains(
                "task.fields[1].target: unknown target field \"titel\" for task records; did you mean \"title\"?"))
        #expect(
            result.stderr.contains(
                "task.fields[2].transforms[0]: unknown transform \"trunc\"; did you mean \"truncate\"?"))
        #expect(result.stderr.contains("task.fields: no rule writes the required target \"title\""))
    }
}
