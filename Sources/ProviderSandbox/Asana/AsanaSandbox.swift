import Foundation
import ImportCore
import Synchronization

/// A loopback server that behaves like Asana's REST API (`/api/1.0`): a personal access token as
/// `Bearer`, `{"data": …}` envelopes, compact records unless `opt_fields` names more, `limit` and
/// `offset` pages whose offsets expire, Asana's error bodies (`errors[].message`, `help`) and its
/// per-minute limit (429 with `Retry-After`), over the same world the Jira sandbox renders.
///
/// Tests start it in-process on an ephemeral port.
public final class AsanaSandbox: Sendable {
    /// How it was made.
    public let config: AsanaSandboxConfig
    /// The loopback server answering for it.
    public let server: SandboxServer

    struct State {
        var world: SandboxWorld
        var hits: [String: Int] = [:]
        var interceptor: Interceptor?
        /// When the current minute of the rate limit began, and the requests counted in it.
        var minute: (start: Date, requests: Int) = (Date(), 0)
        /// Requests still to be refused 429 whatever the budget says (rate-limit tests).
        var forcedRateLimits = 0
        /// The lookups of the world's current version, built on first use after a change.
        var index: AsanaIndex?
        /// Every download link fetched: the attachment's gid and the `Authorization` sent (`nil`: none).
        var downloads: [(gid: String, authorization: String?)] = []
    }

    /// Answers a request in place of the emulator (hostile answers for reliability tests).
    public typealias Interceptor = SandboxInterceptor

    let state: Mutex<State>

    /// The server's address (`http://127.0.0.1:<port>`).
    public var baseURL: String { server.baseURL }
    /// The API's base to connect to (`http://127.0.0.1:<port>/api/1.0`).
    public var apiBase: String { server.baseURL + "/api/1.0" }

    /// Starts a sandbox on 127.0.0.1 (`port` 0: any free port).
    public init(config: AsanaSandboxConfig = AsanaSandboxConfig(), port: UInt16 = 0) throws {
        self.config = config
        state = Mutex(State(world: SandboxWorld(config: config.world)))
        let box = SandboxHandlerBox<AsanaSandbox>()
        server = try SandboxServer(port: port, faults: config.faults) { request in
            box.facade?.handle(request) ?? .text(503, "starting")
        }
        box.facade = self
    }

    /// The world as Asana shows it now, with its lookups (rebuilt only after the world changed).
    func documents() -> AsanaDocuments {
        state.withLock { state in
            if state.index?.version != state.world.version { state.index = AsanaIndex(state.world) }
            return AsanaDocuments(world: state.world, config: config, index: state.index ?? AsanaIndex(state.world))
        }
    }

    /// Stops the server.
    public func stop() { server.stop() }
}
