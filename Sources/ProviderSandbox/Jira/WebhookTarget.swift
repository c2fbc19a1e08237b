/// A webhook the Jira sandbox delivers to: a loopback URL, the secret deliveries are signed with,
/// and how often a delivery is sent twice (Jira's deliveries are at least once, retried on failure).
struct WebhookTarget: Sendable {
    let port: UInt16
    let path: String
    let secret: [UInt8]
    /// Every Nth delivery is sent a second time (`nil`: never).
    let duplicateEvery: Int?
    /// Deliveries started so far (numbers them).
    var started = 0
}
