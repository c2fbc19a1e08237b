import ImportCore

/// Answers a request in place of a façade's emulator (hostile answers for reliability tests); it may
/// call the emulator for the real answer.
public typealias SandboxInterceptor =
    @Sendable (SandboxRequest, _ emulator: () -> SandboxResponse) ->
    SandboxResponse

/// What every provider's façade has over the shared world: the world behind a lock, the loopback
/// server with its fault injection, per-endpoint request counts, and an emulator that an
/// interceptor may stand in front of. The routing in front of the emulator and the `/__sandbox/…`
/// control endpoints (`SandboxFacade+Routing`, `SandboxFacade+ControlEndpoints`) are built on it
/// once for all façades.
protocol SandboxFacade: Sendable {
    /// The loopback server answering for the façade.
    var server: SandboxServer { get }
    /// Runs `body` on the world under the façade's lock.
    func withWorld<T>(_ body: (inout SandboxWorld) -> T) -> T
    /// Requests per endpoint so far.
    var requestCounts: [String: Int] { get }
    /// Forgets the request counts.
    func resetRequestCounts()
    /// The interceptor in front of the emulator, if a test set one.
    var interceptor: SandboxInterceptor? { get }
    /// The façade's answer to a request of its API.
    func emulate(_ request: SandboxRequest) -> SandboxResponse
    /// Told after `/__sandbox/mutate` changed the world (a façade with webhooks announces it).
    func didMutate(updated: [Int], deleted: [Int], added: [Int])
}
