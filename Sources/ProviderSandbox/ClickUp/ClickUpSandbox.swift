import Foundation
import ImportCore
import Synchronization

/// A loopback server that behaves like ClickUp's REST API v2 (`/api/v2`): a personal token as the
/// whole `Authorization` header, the Workspace → space → folder → list hierarchy, tasks paged by
/// page number (100 a page) with `date_updated_gt`, comments newest first 25 a call with their
/// threaded replies apart, time tracked per task, ClickUp's error bodies (`err`, `ECODE`) and its
/// per-minute limit with `X-RateLimit-*` headers, over the same world the Jira sandbox renders.
///
/// Tests start it in-process on an ephemeral port.
public final class ClickUpSandbox: Sendable {
    /// How it was made.
    public let config: ClickUpSandboxConfig
    /// The loopback server answering for it.
    public let server: SandboxServer

    struct State {
        var world: SandboxWorld
        var hits: [String: Int] = [:]
        var interceptor: Interceptor?
        /// When the current minute of the rate limit began, and the requests counted in it.
        var minute: (start: Date, requests: Int) = (Date(), 0)
        /// Requests refused 429 so far (forced ones included).
        var refused = 0
        /// Requests still to be refused 429 whatever the budget says (rate-limit tests).
        var forcedRateLimits = 0
        /// The lookups of the world's current version, built on first use after a change.
        var index: ClickUpIndex?
        /// Checklists added by tests, by world item id (ClickUp's own checklists: the world has none).
        var checklists: [Int: [ClickUpChecklist]] = [:]
        /// Every attachment fetched: its id and the `Authorization` sent (`nil`: none).
        var downloads: [(id: String, authorization: String?)] = []
    }

    /// Answers a request in place of the emulator (hostile answers for reliability tests).
    public typealias Interceptor = SandboxInterceptor

    let state: Mutex<State>

    /// The server's address (`http://127.0.0.1:<port>`).
    public var baseURL: String { server.baseURL }
    /// The API's base to connect to (`http://127.0.0.1:<port>/api/v2`).
    public var apiBase: String { server.baseURL + "/api/v2" }

    /// Starts a sandbox on 127.0.0.1 (`port` 0: any free port).
    public init(config: ClickUpSandboxConfig = ClickUpSandboxConfig(), port: UInt16 = 0) throws {
        self.config = config
        state = Mutex(State(world: SandboxWorld(config: config.world)))
        let box = SandboxHandlerBox<ClickUpSandbox>()
        server = try SandboxServer(port: port, faults: config.faults) { request in
            box.facade?.handle(request) ?? .text(503, "starting")
        }
        box.facade = self
    }

    /// The world as ClickUp shows it now, with its lookups (rebuilt only after the world changed).
    func documents() -> ClickUpDocuments {
        state.withLock { state in
            if state.index?.version != state.world.version { state.index = ClickUpIndex(state.world) }
            return ClickUpDocuments(
                world: state.world, config: config, index: state.index ?? ClickUpIndex(state.world),
                checklists: state.checklists, base: server.baseURL)
        }
    }

    /// Stops the server.
    public func stop() { server.stop() }
}
