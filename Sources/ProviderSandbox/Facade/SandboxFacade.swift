import ImportCore

/// What every provider's façade has over the shared world: the world behind a lock, the loopback
/// server with its fault injection, and per-endpoint request counts. The `/__sandbox/…` control
/// endpoints (`SandboxFacade+ControlEndpoints`) are built on it once for all façades.
protocol SandboxFacade: Sendable {
    /// The loopback server answering for the façade.
    var server: SandboxServer { get }
    /// Runs `body` on the world under the façade's lock.
    func withWorld<T>(_ body: (inout SandboxWorld) -> T) -> T
    /// Requests per endpoint so far.
    var requestCounts: [String: Int] { get }
    /// Forgets the request counts.
    func resetRequestCounts()
}
