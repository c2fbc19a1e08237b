import Foundation
import ImportCore

/// Answers webhook deliveries: refuses a missing or wrong signature (401) and malformed JSON (400)
/// before reading anything from it, acknowledges duplicates without queueing them, and queues the
/// issues the rest name (503 with Retry-After while the queue is full, so the sender retries).
struct WebhookReceiver: Sendable {
    /// The webhook's secret (HMAC-SHA256 key of `X-Hub-Signature: sha256=…`).
    let secret: [UInt8]
    let inbox: WebhookInbox

    /// The answer to `request`.
    func answer(_ request: IncomingRequest) -> OutgoingResponse {
        guard request.method == "POST" else { return .message(405, "deliveries are POSTed") }
        guard verified(request) else { return .message(401, "missing or wrong X-Hub-Signature") }
        guard let json = try? JSONParser.parse(Data(request.body)), case .object = json else {
            return .message(400, "the body is not a JSON object")
        }
        let event = WebhookEvent.parse(json)
        switch inbox.offer(event, identifier: request.headers["x-atlassian-webhook-identifier"]) {
        case .duplicate: return .message(200, "duplicate delivery: already taken")
        case .full: return .message(503, "busy: retry later", headers: ["Retry-After": "5"])
        case .queued: return .message(event == nil ? 200 : 202, event == nil ? "no issue named: ignored" : "queued")
        }
    }

    /// Whether the request carries this secret's signature of its body.
    func verified(_ request: IncomingRequest) -> Bool {
        guard let header = request.headers["x-hub-signature"], header.hasPrefix("sha256="),
            header.count <= "sha256=".count + 128, let claimed = Hex.bytes(String(header.dropFirst("sha256=".count)))
        else { return false }
        return HMACSHA256.constantTimeEqual(claimed, HMACSHA256.code(key: secret, message: request.body))
    }
}
