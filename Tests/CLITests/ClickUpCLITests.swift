import Foundation
import ImportCore
import ProviderSandbox
import TestSupport
import Testing
import WorkspaceStore

/// The ClickUp sandbox from the built binary: what other processes (a demo, a benchmark) talk to.
@Suite("ClickUp, end to end (the built binary's sandbox)")
struct ClickUpCLITests {
    @Test("tributary sandbox clickup serves ClickUp's API until interrupted; connect and containers work against it")
    func sandboxCommand() async throws {
        let cli = try CLIHarness()
        let number = try CLIHarness.freePort()
        let server = try CLIProcess.launch(
            ["sandbox", "clickup", "--port", String(number), "--issues", "20", "--projects", "3"],
            environment: cli.environment())
        let base = "http://127.0.0.1:\(number)/api/v2"
        let client = HTTPClient(credentials: nil, options: ConnectionOptions(maxAttempts: 1))
        var request = HTTPRequest(method: "GET", url: try #require(URL(string: base + "/user")))
        request.headers["Authorization"] = ClickUpSandboxConfig().token
        var me: JSONValue?
        for _ in 0..<100 {
            if let response = try? await client.send(request), response.status == 200 {
                me = try JSONParser.parse(response.body)
                break
            }
            try await Task.sleep(nanoseconds: 100_000_000)
        }
        #expect(me?["user"]?["email"]?.stringValue == ClickUpSandboxConfig().email)
        // The token verified by `connect`, the lists (in a folder and folderless) listed by `containers`.
        let connected = try await cli.run(
            ["connect", "clickup", "--name", "tasks", "--url", base, "--key-stdin"], stdin: ClickUpSandboxConfig().token
        )
        #expect(connected.status == 0, "\(connected.stderr)")
        let listed = try await cli.run(["containers", "tasks"])
        #expect(listed.status == 0, "\(listed.stderr)")
        #expect(
            ["901500100", "901500101", "901500102"].allSatisfy { listed.stdout.contains($0) }, "\(listed.stdout)")
        #expect(listed.stdout.contains("Product"), "the folder is named: \(listed.stdout)")
        #expect(
            !connected.stdout.contains(ClickUpSandboxConfig().token)
                && !listed.stdout.contains(ClickUpSandboxConfig().token))
        server.send(SIGINT)
        let result = await server.wait(timeout: 30)
        #expect(result.stdout.contains("ClickUp sandbox serving 20 tasks in 3 list(s) at \(base)"))
        #expect(result.stdout.contains("token \(ClickUpSandboxConfig().token)"))
    }
}
