import ImportCore

// Where a request to any façade goes: control endpoints, the interceptor, then the emulator.
extension SandboxFacade {
    /// The answer to `request`.
    func handle(_ request: SandboxRequest) -> SandboxResponse {
        if request.path.hasPrefix("/__sandbox/") { return controlEndpoint(request) }
        if let interceptor { return interceptor(request) { self.emulate(request) } }
        return emulate(request)
    }
}
