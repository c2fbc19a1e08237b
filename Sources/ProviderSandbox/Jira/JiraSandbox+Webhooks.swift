import Foundation
import ImportCore

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

// Webhooks as Jira sends them: a signed POST per issue event (X-Hub-Signature: sha256=HMAC of the
// body, X-Atlassian-Webhook-Identifier), retried when the receiver does not answer 2xx, and now and
// then delivered twice. Only loopback receivers.
extension JiraSandbox {
    /// Sends the sandbox's issue events (created, updated, deleted by the test controls) to `url`
    /// (`http://127.0.0.1:PORT/PATH`), signed with `secret`; every `duplicateEvery`th twice.
    public func registerWebhook(url: String, secret: String, duplicateEvery: Int? = nil) throws {
        guard let parsed = URL(string: url), parsed.scheme == "http", parsed.host == "127.0.0.1",
            let port = parsed.port, let port16 = UInt16(exactly: port)
        else {
            throw SandboxServerError(
                message: "the sandbox delivers webhooks to http://127.0.0.1:PORT/… only, not \(url)")
        }
        let target = WebhookTarget(
            port: port16, path: parsed.path.isEmpty ? "/" : parsed.path, secret: Array(secret.utf8),
            duplicateEvery: duplicateEvery)
        state.withLock { $0.webhook = target }
    }

    /// Announces what `/__sandbox/mutate` changed, as the test controls' changes are.
    func didMutate(updated: [Int], deleted: [Int], added: [Int]) {
        announce("jira:issue_updated", ids: updated)
        announce("jira:issue_deleted", ids: deleted)
        announce("jira:issue_created", ids: added)
    }

    /// Deliveries answered 2xx, attempts that were not, and deliveries sent twice, so far.
    public var webhookDeliveries: (delivered: Int, refused: Int, duplicated: Int) {
        state.withLock { $0.deliveries }
    }

    /// Announces `event` (`jira:issue_updated`…) for each issue of `ids`, in the background.
    func announce(_ event: String, ids: [Int]) {
        let (target, numbers, keys) = state.withLock { state -> (WebhookTarget?, Range<Int>, [Int: String]) in
            guard var target = state.webhook else { return (nil, 0..<0, [:]) }
            var keys: [Int: String] = [:]
            for id in ids { keys[id] = state.world.issues[id]?.key }
            let first = target.started
            target.started += ids.count
            state.webhook = target
            return (target, first..<target.started, keys)
        }
        guard let target else { return }
        let now = Int64(Date().timeIntervalSince1970 * 1000)
        for (id, number) in zip(ids, numbers) {
            let payload: JSONValue = [
                "timestamp": .number(Double(now)), "webhookEvent": .string(event),
                "issue_event_type_name": .string(event == "jira:issue_created" ? "issue_created" : "issue_generic"),
                "issue": [
                    "id": .string(String(id)), "key": JSONValue(keys[id]),
                    "self": .string("\(baseURL)/rest/api/3/issue/\(id)"),
                ],
            ]
            let body = Array(payload.jsonText.utf8)
            let identifier = "sandbox-\(cloudID)-\(number)"
            let twice = target.duplicateEvery.map { number % max(1, $0) == 0 } ?? false
            let thread = Thread { [self] in
                deliver(body, identifier: identifier, to: target)
                if twice {
                    // Later, as a retry of one whose answer was lost would come.
                    Thread.sleep(forTimeInterval: 0.5)
                    state.withLock { $0.deliveries.duplicated += 1 }
                    deliver(body, identifier: identifier, to: target)
                }
            }
            thread.start()
        }
    }

    /// POSTs one delivery, retrying (up to 5 attempts, backing off from 0.2 s) until a 2xx.
    private func deliver(_ body: [UInt8], identifier: String, to target: WebhookTarget) {
        let signature = "sha256=" + HMACSHA256.hex(key: target.secret, message: body)
        var request = "POST \(target.path) HTTP/1.1\r\nHost: 127.0.0.1:\(target.port)\r\n"
        request += "Content-Type: application/json\r\nContent-Length: \(body.count)\r\n"
        request += "X-Hub-Signature: \(signature)\r\nX-Atlassian-Webhook-Identifier: \(identifier)\r\n"
        request += "User-Agent: Atlassian Webhook HTTP Client\r\nConnection: close\r\n\r\n"
        let bytes = Array(request.utf8) + body
        var pause = 0.2
        for _ in 0..<5 {
            if let status = Self.post(bytes, port: target.port), (200..<300).contains(status) {
                state.withLock { $0.deliveries.delivered += 1 }
                return
            }
            state.withLock { $0.deliveries.refused += 1 }
            Thread.sleep(forTimeInterval: pause)
            pause *= 2
        }
    }

    /// Sends `bytes` to 127.0.0.1:`port` and reads the status of the answer (`nil`: no answer).
    private static func post(_ bytes: [UInt8], port: UInt16) -> Int? {
        guard let descriptor = IPv4Socket.connectLoopback(port: port, seconds: 5) else { return nil }
        defer { close(descriptor) }
        guard IPv4Socket.sendAll(bytes, to: descriptor) else { return nil }
        var answer: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1024)
        while answer.count < 64 {
            let count = chunk.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, 0) }
            guard count > 0 else { break }
            answer += chunk[0..<count]
        }
        return HTTPWire.status(of: answer)
    }
}
