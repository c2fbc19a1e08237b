/// Breaks the reference cycle server → handler → façade at start-up: a server's handler reaches
/// its façade through this weak box, set once the façade exists (until then it answers "starting").
final class SandboxHandlerBox<Facade: AnyObject & Sendable>: @unchecked Sendable {
    weak var facade: Facade?
}
