import Foundation
import ImportCore
import ProviderSandbox
import TestSupport
import Testing
import WorkspaceStore

/// The Asana sandbox from the built binary: what other processes (a demo, a benchmark) talk to.
@Suite("Asana, end to end (the built binary's sandbox)")
struct AsanaCLITests {
    @Test("tributary sandbox asana serves Asana's API until interrupted; connect and containers work against it")
    func sandboxCommand() async throws {
        let cli = try CLIHarness()
        let number = try CLIHarness.freePort()
        let server = try CLIProcess.launch(
            ["sandbox", "asana", "--port", String(number), "--issues", "20"], environment: cli.environment())
        let base = "http://127.0.0.1:\(number)/api/1.0"
        let client = HTTPClient(credentials: nil, options: ConnectionOptions(maxAttempts: 1))
        var request = HTTPRequest(method: "GET", url: try #require(URL(string: base + "/users/me")))
        request.headers["Authorization"] = "Bearer \(AsanaSandboxConfig().token)"
        var me: JSONValue?
        for _ in 0..<100 {
            if let response = try? await client.send(request), response.status == 200 {
                me = try JSONParser.parse(response.body)
                break
            }
            try await Task.sleep(nanoseconds: 100_000_000)
        }
        #expect(me?["data"]?["email"]?.stringValue == AsanaSandboxConfig().email)
        // The token verified by `connect`, the projects listed by `containers`, from the built binary.
        let connected = try await cli.run(
            ["connect", "asana", "--name", "tasks", "--url", base, "--pat-stdin"], stdin: AsanaSandboxConfig().token)
        #expect(connected.status == 0, "\(connected.stderr)")
        let listed = try await cli.run(["containers", "tasks"])
        #expect(listed.status == 0, "\(listed.stderr)")
        #expect(listed.stdout.contains("1300000000000") && listed.stdout.contains("1300000000001"), "\(listed.stdout)")
        #expect(
            !connected.stdout.contains(AsanaSandboxConfig().token)
                && !listed.stdout.contains(AsanaSandboxConfig().token))
        server.send(SIGINT)
        let result = await server.wait(timeout: 30)
        #expect(result.stdout.contains("Asana sandbox serving 20 tasks in 2 project(s) at \(base)"))
        #expect(result.stdout.contains("token \(AsanaSandboxConfig().token)"))
    }
}
