import Foundation
import ImportCore
import Synchronization

/// A loopback server that behaves like Linear's GraphQL API (`POST /graphql`): API keys in
/// `Authorization` without `Bearer` (OAuth tokens with it), relay connections, filters, archived
/// and trashed issues, Linear's error shapes, and its rate limits (request and complexity budgets,
/// answered with HTTP 400 and `RATELIMITED`), over the same world the Jira sandbox renders.
///
/// Tests start it in-process on an ephemeral port; `tributary sandbox linear` serves it from the CLI.
public final class LinearSandbox: Sendable {
    /// How it was made.
    public let config: LinearSandboxConfig
    /// The loopback server answering for it.
    public let server: SandboxServer

    struct State {
        var world: SandboxWorld
        var view: LinearView?
        var limiter: LinearRateLimiter
        var hits: [String: Int] = [:]
        var complexities: [Int] = []
        var interceptor: Interceptor?
        /// GraphQL requests still to be answered RATELIMITED whatever the budget says.
        var forcedRateLimits = 0
    }

    /// Answers a request in place of the emulator (hostile answers for reliability tests).
    public typealias Interceptor = SandboxInterceptor

    let state: Mutex<State>
    let executor = GraphQLExecutor(schema: LinearSchema.schema)

    /// The server's address (`http://127.0.0.1:<port>`).
    public var baseURL: String { server.baseURL }
    /// The GraphQL endpoint to connect to (`http://127.0.0.1:<port>/graphql`).
    public var endpoint: String { server.baseURL + "/graphql" }

    /// Starts a sandbox on 127.0.0.1 (`port` 0: any free port).
    public init(config: LinearSandboxConfig = LinearSandboxConfig(), port: UInt16 = 0) throws {
        self.config = config
        state = Mutex(State(world: SandboxWorld(config: config.world), limiter: LinearRateLimiter(config: config)))
        let box = SandboxHandlerBox<LinearSandbox>()
        server = try SandboxServer(port: port, faults: config.faults) { request in
            box.facade?.handle(request) ?? .text(503, "starting")
        }
        box.facade = self
    }

    /// Stops the server.
    public func stop() { server.stop() }

    /// The view of the world as it is now (built again after a change).
    func currentView(_ state: inout State) -> LinearView {
        if let view = state.view, view.version == state.world.version { return view }
        let view = LinearView(world: state.world, base: baseURL, urlKey: config.urlKey, seed: config.seed)
        state.view = view
        return view
    }
}
