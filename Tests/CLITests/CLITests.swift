import Foundation
import ImportCore
import ProviderSandbox
import TestSupport
import Testing

@Suite("tributary, end to end (the built binary against the sandbox)")
struct CLITests {
    static let verbs = [
        "demo", "init", "providers", "connect", "connections", "rotate", "disconnect", "containers", "preview", "run",
        "migrate", "jobs", "audit", "mapping", "wizard", "sandbox",
    ]

    @Test("--help lists every verb; every verb's --help shows its usage; --version")
    func help() async throws {
        let cli = try CLIHarness()
        let top = try await cli.run(["--help"])
        #expect(top.status == 0)
        for verb in Self.verbs { #expect(top.stdout.contains("  \(verb) "), "--help lacks \(verb)") }
        #expect(
            top.stdout.contains(
                "Exit codes: 0 ok, 1 failure, 2 usage or invalid config, 3 authentication, 4 partial import"))
        for verb in Self.verbs {
            let result = try await cli.run([verb, "--help"])
            #expect(result.status == 0, "\(verb) --help")
            #expect(result.stdout.contains("Usage:\n  tributary \(verb)"), "\(verb) --help: \(result.stdout)")
            #expect(result.stdout.contains("--help"))
        }
        await #expect(try cli.run(["--version"]).stdout.hasPrefix("tributary 0."))
    }

    @Test("usage errors exit 2 with a hint: unknown verbs, options, missing arguments, tokens on the command line")
    func usageErrors() async throws {
        let cli = try CLIHarness()
        let verb = try await cli.run(["conect"])
        #expect(verb.status == 2)
        #expect(verb.stderr.contains("did you mean `tributary connect`?"))
        let option = try await cli.run(["jobs", "--limitt", "3"])
        #expect(option.status == 2)
        #expect(option.stderr.contains("did you mean --limit?"))
        let token = try await cli.run([
            "connect", "jira", "--name", "x", "--url", "https://a.atlassian.net", "--email", "a@b.c", "--token",
            "secret",
        ])
        #expect(token.status == 2)
        #expect(token.stderr.contains("unknown option --token"))
        let noToken = try await cli.run([
            "connect", "jira", "--name", "x", "--url", "https://a.atlassian.net", "--email", "a@b.c",
        ])
        #expect(noToken.status == 2)
        #expect(noToken.stderr.contains("never taken from the command line"))
        await #expect(try cli.run(["run"]).status == 2)
        await #expect(try cli.run(["jobs", "show", "abc"]).status == 2)
    }

    @Test("init creates a 0600 key file and the database, and leaves them alone the second time")
    func initialise() async throws {
        let cli = try CLIHarness()
        let keyFile = cli.folder.file("conf/key")
        let first = try await CLIProcess.run(
            ["init", "--db", cli.database], environment: ["TRIBUTARY_KEY_FILE": keyFile, "HOME": cli.folder.path],
            directory: cli.folder.path)
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout.contains("created \(keyFile)"))
        #expect((try FileManager.default.attributesOfItem(atPath: keyFile)[.posixPermissions] as? Int) == 0o600)
        let contents = try String(contentsOfFile: keyFile, encoding: .utf8)
        let second = try await CLIProcess.run(
            ["init", "--db", cli.database], environment: ["TRIBUTARY_KEY_FILE": keyFile], directory: cli.folder.path)
        #expect(second.stdout.contains("left untouched"))
        #expect(try String(contentsOfFile: keyFile, encoding: .utf8) == contents)
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: keyFile)
        let insecure = try await CLIProcess.run(
            ["connections"],
            environment: ["TRIBUTARY_KEY_FILE": keyFile, "TRIBUTARY_OWNER": "a@b.c", "TRIBUTARY_DB": cli.database],
            directory: cli.folder.path)
        #expect(insecure.status == 0, "listing connections needs no key")
        let connect = try await CLIProcess.run(
            [
                "connect", "jira", "--name", "x", "--url", "https://a.atlassian.net", "--email", "a@b.c",
                "--token-stdin", "--db", cli.database,
            ],
            environment: ["TRIBUTARY_KEY_FILE": keyFile], stdin: "t", directory: cli.folder.path)
        #expect(connect.status == 1)
        #expect(connect.stderr.contains("chmod 600"))
    }

    @Test("init --key-file: later commands on that database use that key file without being told again")
    func initKeyFileRemembered() async throws {
        let cli = try CLIHarness()
        let fixture = try JiraSandboxFixture(JiraSandboxConfig(issues: 3))
        let keyFile = cli.folder.file("keys/work.key")
        let home = ["HOME": cli.folder.path]
        let initialised = try await CLIProcess.run(
            ["init", "--key-file", keyFile, "--db", cli.database], environment: home, directory: cli.folder.path)
        #expect(initialised.status == 0, "\(initialised.stderr)")
        #expect(initialised.stdout.contains("recorded in"))
        let connect = try await CLIProcess.run(
            [
                "connect", "jira", "--name", "work", "--url", fixture.url, "--email", fixture.config.email,
                "--token-stdin", "--db", cli.database,
            ], environment: home, stdin: fixture.config.apiToken, directory: cli.folder.path)
        #expect(connect.status == 0, "\(connect.stderr)")
        #expect(!FileManager.default.fileExists(atPath: cli.folder.file(".config/tributary/key")))
        let containers = try await CLIProcess.run(
            ["containers", "work", "--db", cli.database, "--owner", fixture.config.email], environment: home,
            directory: cli.folder.path)
        #expect(containers.status == 0, "\(containers.stderr)")
        #expect(containers.stdout.contains("DEMO"))
    }

    @Test("providers: jira, asana, linear and clickup ready")
    func providers() async throws {
        let cli = try CLIHarness()
        let text = try await cli.run(["providers"])
        #expect(text.status == 0)
        #expect(text.stdout.contains("jira (Jira)"))
        #expect(text.stdout.contains("ready"))
        #expect(text.stdout.contains("linear (Linear)"))
        #expect(text.stdout.contains("asana (Asana)"))
        #expect(text.stdout.contains("clickup (ClickUp)"))
        #expect(!text.stdout.contains(": stub"))
        let json = try await JSONParser.parse(try cli.run(["providers", "--json"]).stdout)
        #expect(json.arrayValue?.map { $0["id"]!.stringValue! } == ["jira", "asana", "linear", "clickup"])
        #expect(json.arrayValue?.map { $0["status"]!.stringValue! } == ["ready", "ready", "ready", "ready"])
    }
}
