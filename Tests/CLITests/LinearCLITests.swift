import Foundation
import ImportCore
import ProviderSandbox
import TestSupport
import Testing
import WorkspaceStore

/// Linear through the built binary: connect (with Linear's own words when the key is sent as
/// Bearer), containers, a run, `tributary sandbox linear` and `tributary demo --provider linear`.
@Suite("Linear, end to end (the built binary against the Linear sandbox)")
struct LinearCLITests {
    @Test("connect: a key given as a token (Bearer) is refused with Linear's words; --key-stdin connects; teams list")
    func connectAndContainers() async throws {
        let cli = try CLIHarness()
        let sandbox = try LinearSandbox(config: LinearSandboxConfig(issues: 30))
        defer { sandbox.stop() }
        let key = sandbox.config.apiKey
        let bearer = try await cli.run(
            ["connect", "linear", "--name", "lin", "--url", sandbox.endpoint, "--pat-stdin"], stdin: key)
        #expect(bearer.status == 3, "\(bearer.stderr)")
        #expect(
            bearer.stderr.contains(
                "It looks like you're trying to use an API key as a Bearer token. Remove the Bearer prefix from the Authorization header."
            ))
        #expect(bearer.stderr.contains("--key-stdin"))
        #expect(!bearer.stderr.contains(key) && !bearer.stdout.contains(key))
        let connect = try await cli.run(
            ["connect", "linear", "--name", "lin", "--url", sandbox.endpoint, "--key-stdin"], stdin: key)
        #expect(connect.status == 0, "\(connect.stderr)")
        #expect(connect.stdout.contains("next: tributary containers lin"))
        let containers = try await cli.run(["containers", "lin"])
        #expect(containers.status == 0, "\(containers.stderr)")
        #expect(containers.stdout.contains("DEMO") && containers.stdout.contains("OPS"))
        #expect(containers.stdout.contains("2 teams"))
        let source: JSONValue = ["provider": "linear", "containers": ["DEMO", "OPS"], "cap": .null]
        let destination: JSONValue = ["project": "From Linear", "createProject": true]
        let config = try cli.write("lin.json", ["connection": "lin", "source": source, "destination": destination])
        let run = try await cli.run(["run", config])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(try cli.workspace().db.scalar("SELECT COUNT(*) FROM tasks").intValue == sandbox.issueCount)
        #expect(!run.stdout.contains(key) && !run.stderr.contains(key))
    }

    @Test("tributary sandbox linear serves until interrupted; its printed connect line works")
    func sandboxCommand() async throws {
        let cli = try CLIHarness()
        let number = try CLIHarness.freePort()
        let server = try CLIProcess.launch(
            ["sandbox", "linear", "--port", String(number), "--issues", "20"], environment: cli.environment())
        let endpoint = "http://127.0.0.1:\(number)/graphql"
        var connected: CLIProcess.Result?
        for _ in 0..<100 {
            let attempt = try await cli.run(
                ["connect", "linear", "--name", "sb", "--url", endpoint, "--key-stdin"],
                stdin: LinearSandboxConfig().apiKey)
            connected = attempt
            if attempt.status == 0 { break }
            try await Task.sleep(nanoseconds: 100_000_000)
        }
        #expect(connected?.status == 0, "\(connected?.stderr ?? "")")
        server.send(SIGINT)
        let result = await server.wait(timeout: 30)
        #expect(result.stdout.contains("Linear sandbox serving 20 issues in 2 team(s) at \(endpoint)"))
        #expect(result.stdout.contains("tributary connect linear --name linear --url \(endpoint) --key-stdin"))
    }

    @Test("a mistyped demo provider is refused with a suggestion")
    func mistypedDemo() async throws {
        let cli = try CLIHarness()
        let wrong = try await CLIProcess.run(
            ["demo", "--provider", "lineer"], environment: cli.environment(), directory: cli.folder.path)
        #expect(wrong.status == 2)
        #expect(wrong.stderr.contains("did you mean linear?"))
    }
}
