import Foundation
import ImportCore

// ClickUp's share of the façade protocol: its world, lock and counts; the control endpoints are shared.
extension ClickUpSandbox: SandboxFacade {
    func withWorld<T>(_ body: (inout SandboxWorld) -> T) -> T { state.withLock { body(&$0.world) } }

    var interceptor: SandboxInterceptor? { state.withLock { $0.interceptor } }
}
