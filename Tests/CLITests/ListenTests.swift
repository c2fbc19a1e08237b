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

/// `tributary listen`: Jira's signed webhook deliveries over real sockets, the issues they name
/// re-read and imported within seconds, and a safety-net run that catches up what was missed.
@Suite("Webhooks: tributary listen")
struct ListenTests {
    static let secret = "listen-test-secret-0123456789"

    /// Sends raw `bytes` to 127.0.0.1:`port` (after `pause` seconds between head and body, to be
    /// slow) and returns the answer's status (`nil`: none).
    static func send(_ bytes: [UInt8], port: UInt16, splitAt split: Int? = nil, pause: Double = 0) -> Int? {
        guard let descriptor = IPv4Socket.connectLoopback(port: port, seconds: 20) else { return nil }
        defer { close(descriptor) }
        let parts = split.map { [Array(bytes[..<$0]), Array(bytes[$0...])] } ?? [bytes]
        for (index, part) in parts.enumerated() {
            if index > 0 { Thread.sleep(forTimeInterval: pause) }
            IPv4Socket.sendAll(part, to: descriptor)
        }
        var answer = [UInt8](repeating: 0, count: 256)
        let count = answer.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, 0) }
        guard count > 0 else { return nil }
        return HTTPWire.status(of: Array(answer[0..<count]))
    }

    /// A delivery of `body`, signed with `secret` unless `signature` says otherwise.
    static func delivery(
        _ body: String, identifier: String = UUID().uuidString, signature: String? = nil, secret: String = secret
    ) -> [UInt8] {
        let signed = signature ?? "sha256=" + HMACSHA256.hex(key: Array(secret.utf8), message: Array(body.utf8))
        let head =
            "POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: \(body.utf8.count)\r\nX-Hub-Signature: \(signed)\r\nX-Atlassian-Webhook-Identifier: \(identifier)\r\n\r\n"
        return Array((head + body).utf8)
    }

    @Test("the receiver: 401 without or with a wrong signature, 400 for bad JSON, one queue entry per delivery")
    func receiver() throws {
        let inbox = WebhookInbox(capacity: 2)
        let receiver = WebhookReceiver(secret: Array(Self.secret.utf8), inbox: inbox)
        let server = try WebhookServer(
            host: "127.0.0.1", port: 0,
            limits: .init(maxHeadBytes: 4096, maxBodyBytes: 2048, requestSeconds: 2, maxConnections: 8),
            handler: receiver.answer)
        defer { server.stop() }
        let port = server.port
        let event = #"{"webhookEvent":"jira:issue_updated","issue":{"id":"10042","key":"DEMO-7"}}"#
        #expect(Self.send(Self.delivery(event, identifier: "a"), port: port) == 202)
        #expect(Self.send(Self.delivery(event, identifier: "a"), port: port) == 200, "a duplicate is acknowledged")
        #expect(inbox.count == 1)
        #expect(
            Self.send(Self.delivery(event, signature: "sha256=" + String(repeating: "0", count: 64)), port: port) == 401
        )
        #expect(Self.send(Self.delivery(event, signature: ""), port: port) == 401)
        #expect(Self.send(Self.delivery(event, secret: "another secret"), port: port) == 401)
        #expect(Self.send(Self.delivery("{not json"), port: port) == 400)
        #expect(Self.send(Self.delivery(#"{"webhookEvent":"project_updated"}"#), port: port) == 200)
        #expect(inbox.count == 1, "refused and ignored deliveries queued something")
        // Bounded: a full queue says retry later; bodies and heads past the limits; slow senders.
        #expect(Self.send(Self.delivery(event), port: port) == 202)
        #expect(Self.send(Self.delivery(event), port: port) == 503)
        #expect(Self.send(Self.delivery(String(repeating: " ", count: 3000) + event), port: port) == 413)
        let hugeHead = Array("POST / HTTP/1.1\r\nX-Pad: \(String(repeating: "a", count: 5000))\r\n\r\n".utf8)
        #expect(Self.send(hugeHead, port: port) == 431)
        #expect(Self.send(Array("POST / HTTP/1.1\r\n\r\n".utf8), port: port) == 411)
        let slow = Self.delivery(event)
        // A sender that stops before its body is whole is answered when the request's time is up.
        #expect(Self.send(Array(slow.prefix(slow.count - 5)), port: port) == 408)
        // One that trickles its head in is cut off too, however often it sends a byte.
        #expect(Self.send(Array(slow.prefix(10)), port: port, splitAt: 5, pause: 2.5) == 408)
        #expect(Self.send(Array("GARBAGE\r\n\r\n".utf8), port: port) == 400)
        #expect(
            inbox.drain(limit: 10) == [WebhookEvent(name: "jira:issue_updated", kind: .refresh, issueIDs: ["10042"])]
                + [WebhookEvent(name: "jira:issue_updated", kind: .refresh, issueIDs: ["10042"])])
    }

    @Test(
        "mutations reach the workspace within seconds of delivery; deletes are marked; forgeries write nothing; a restarted listener catches up"
    )
    func wholeLoop() async throws {
        let harness = try await ImportHarness(JiraSandboxConfig(issues: 50, projects: 1))
        let config = try harness.configFile(projects: ["DEMO"])
        var environment = harness.environment
        environment["HOOK_SECRET"] = Self.secret
        let arguments = [
            "listen", config, "--secret-env", "HOOK_SECRET", "--port", "0", "--safety-every", "1h",
            "--reconcile-every", "12", "--quiet",
        ]
        func start() async throws -> (CLIProcess.Running, UInt16) {
            let listener = try CLIProcess.launch(arguments, environment: environment)
            for _ in 0..<600 {
                if let line = listener.stdoutSoFar.split(separator: "\n").first(where: { $0.contains("listening") }),
                    let after = line.range(of: "127.0.0.1:")?.upperBound,
                    let port = UInt16(line[after...].prefix(while: \.isNumber))
                {
                    return (listener, port)
                }
                try await Task.sleep(nanoseconds: 50_000_000)
            }
            Issue.record("the listener did not start: \(listener.stdoutSoFar)")
            throw CLIError("no listener", exitCode: .failure)
        }
        let output = Locked("")
        func currentOutput() -> String { output.value }
        func eventually(_ what: String, _ condition: () throws -> Bool) async throws {
            for _ in 0..<400 {
                output.update { $0 = listener.stdoutSoFar }
                if try condition() { return }
                try await Task.sleep(nanoseconds: 50_000_000)
            }
            Issue.record("not within 20 s: \(what)\n\(currentOutput())")
        }
        func jobs() throws -> Int { try harness.count("import_jobs") }

        var (listener, port) = try await start()
        defer { listener.send(SIGKILL) }
        // The first safety-net run imports everything.
        try await eventually("the first run") { try harness.count("tasks") == 50 }
        try await eventually("the first run closed") { try harness.count("import_jobs", "status = 'completed'") == 1 }
        try harness.sandbox.registerWebhook(url: "http://127.0.0.1:\(port)/", secret: Self.secret, duplicateEvery: 2)

        let changed = harness.sandbox.updateIssues(4, leavesOnly: false)
        #expect(changed.count >= 2)
        let list = changed.map(String.init).joined(separator: ",")
        let firstJob = try #require(try harness.workspace.jobs.list(owner: harness.owner, limit: 1).first?.id)
        let delivered = Date()
        try await eventually("the updated issues written") {
            try harness.count("tasks", "external_id IN (\(list)) AND import_job_id > \(firstJob)") == changed.count
        }
        #expect(Date().timeIntervalSince(delivered) < 10)
        // Each issue came once, though some deliveries came twice (half a second later).
        try await Task.sleep(nanoseconds: 1_500_000_000)
        let fromWebhooks = listener.stdoutSoFar.split(separator: "\n").filter { $0.contains("from webhooks") }
            .compactMap { line in line.split(separator: " ").dropFirst(3).first.flatMap { Int($0) } }
        #expect(fromWebhooks.reduce(0, +) == changed.count, "\(listener.stdoutSoFar)")
        // A batch keeps no high-water mark: the config's own incremental runs start where they did.
        #expect(try harness.count("sync_state") == 1)
        #expect(harness.sandbox.webhookDeliveries.duplicated >= 1, "no delivery was sent twice: the test shows nothing")
        let writes = try harness.count("change_journal", "table_name = 'tasks' AND action = 'update'")

        // A forged delivery: refused, nothing written.
        let before = try jobs()
        let forged = #"{"webhookEvent":"jira:issue_updated","issue":{"id":"\#(changed[0])"}}"#
        #expect(Self.send(Self.delivery(forged, secret: "not the secret"), port: port) == 401)
        try await Task.sleep(nanoseconds: 1_000_000_000)
        #expect(try jobs() == before)
        #expect(try harness.count("change_journal", "table_name = 'tasks' AND action = 'update'") == writes)

        // A delete: the issue is marked deleted by the reconciling run that follows.
        let deleted = try #require(harness.sandbox.deleteIssues(1).first)
        try await eventually("the deleted issue marked") {
            try harness.count("tasks", "external_id = '\(deleted)' AND deleted_at IS NOT NULL") == 1
        }

        // Killed; the source changes meanwhile (its deliveries find no one); restarted, the
        // safety-net run catches up: a full run afterwards finds nothing left to change.
        listener.send(SIGKILL)
        _ = await listener.wait(timeout: 10)
        harness.sandbox.updateIssues(3)
        harness.sandbox.addIssues(2)
        (listener, port) = try await start()
        try await eventually("the safety-net run after the restart") { listener.stdoutSoFar.contains("completed") }
        #expect(try harness.count("tasks", "deleted_at IS NULL") == harness.sandbox.issueCount)
        listener.send(SIGINT)
        let stopped = await listener.wait(timeout: 30)
        #expect(stopped.status == 130, "\(stopped.stderr)")
        let check = try await harness.run(config)
        #expect(check.counts.created == 0 && check.counts.updated == 0, "\(check.counts)")
        #expect(try harness.count("import_jobs", "status = 'running'") == 0, "a webhook batch was left running")
    }
}
