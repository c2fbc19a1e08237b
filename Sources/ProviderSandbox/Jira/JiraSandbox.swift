import Foundation
import ImportCore
import Synchronization

/// A loopback server that behaves like Jira Cloud (REST v3 and v2, enhanced search with
/// `nextPageToken`, scoped tokens through `/ex/jira/{cloudId}`) or Jira Data Center (REST v2,
/// `startAt` pagination, Bearer PATs), over deterministic generated data, with fault injection.
///
/// Tests start it in-process on an ephemeral port; `tributary sandbox jira` serves it from the CLI.
public final class JiraSandbox: Sendable {
    /// How it was made.
    public let config: JiraSandboxConfig
    /// The loopback server answering for it.
    public let server: SandboxServer
    /// The cloud id the gateway route answers to (`/ex/jira/{cloudId}`).
    public let cloudID: String
    /// Jira Cloud's media host, on another port (another origin): attachment content redirects there.
    public let media: SandboxServer
    let mediaRequests = Mutex<[(file: String, authorization: String?)]>([])
    /// Seconds the media host waits before answering (slow downloads, for kill tests).
    let mediaDelay = Mutex<Double>(0)

    struct State {
        var world: SandboxWorld
        var sortedCache: [String: (version: Int, ids: [Int])] = [:]
        var index = WorldIndex()
        /// Raw JSON replacing an issue's rendering (hostile input for reliability tests).
        var hostile: [Int: [UInt8]] = [:]
        var hits: [String: Int] = [:]
        var interceptor: Interceptor?
        /// Where mutations are announced as webhook deliveries, if anywhere.
        var webhook: WebhookTarget?
        /// Deliveries answered 2xx, attempts that were not, deliveries sent twice.
        var deliveries = (delivered: 0, refused: 0, duplicated: 0)
        /// The burst budget in force, and its buckets.
        var burst: BurstBudget?
        var buckets = BurstBuckets()
    }

    /// Answers a request in place of the emulator: `emulator()` is what the emulator would answer, to
    /// return as it is, rewrite or ignore (hostile answers for reliability tests).
    public typealias Interceptor = SandboxInterceptor

    let state: Mutex<State>
    let projects: WorldContainers

    /// The site URL (`http://127.0.0.1:<port>`).
    public var baseURL: String { server.baseURL }
    /// The URL to configure as the scoped-token gateway (`ConnectionOptions.extras["gatewayURL"]`).
    public var gatewayURL: String { server.baseURL }

    /// Starts a sandbox on 127.0.0.1 (`port` 0: any free port).
    public init(config: JiraSandboxConfig = JiraSandboxConfig(), port: UInt16 = 0) throws {
        self.config = config
        var random = SeededRandom(seed: config.seed ^ 0xC10D)
        cloudID =
            config.cloudID
            ?? String(
                format: "%08x-%04x-4%03x-8%03x-%012llx", UInt32(truncatingIfNeeded: random.next()),
                UInt16(truncatingIfNeeded: random.next()), random.below(0xFFF), random.below(0xFFF),
                random.next() & 0xFFFF_FFFF_FFFF)
        let world = SandboxWorld(config: config.world)
        projects = world.projects
        var initial = State(world: world)
        initial.burst = config.burst
        state = Mutex(initial)
        let box = SandboxHandlerBox<JiraSandbox>()
        server = try SandboxServer(port: port, faults: config.faults) { request in
            box.facade?.handle(request) ?? .text(503, "starting")
        }
        let mediaBox = SandboxHandlerBox<JiraSandbox>()
        media = try SandboxServer(port: 0) { request in
            mediaBox.facade?.mediaAnswer(request) ?? .text(503, "starting")
        }
        box.facade = self
        mediaBox.facade = self
    }

    /// Stops the server.
    public func stop() {
        server.stop()
        media.stop()
    }
}
