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
            let claimed = Self.bytes(hex: String(header.dropFirst("sha256=".count)))
        else { return false }
        return HMACSHA256.constantTimeEqual(claimed, HMACSHA256.code(key: secret, message: request.body))
    }

    /// The bytes of lower- or upper-case hex; `nil` for anything else.
    static func bytes(hex: String) -> [UInt8]? {
        let digits = Array(hex.utf8)
        guard digits.count % 2 == 0, digits.count <= 128 else { return nil }
        var bytes: [UInt8] = []
        for index in stride(from: 0, to: digits.count, by: 2) {
            guard let high = nibble(digits[index]), let low = nibble(digits[index + 1]) else { return nil }
            bytes.append(high << 4 | low)
        }
        return bytes
    }

    private static func nibble(_ digit: UInt8) -> UInt8? {
        switch digit {
        case 48...57: return digit - 48
        case 97...102: return digit - 87
        case 65...70: return digit - 55
        default: return nil
        }
    }
}
