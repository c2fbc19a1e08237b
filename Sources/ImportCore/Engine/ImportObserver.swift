/// Receives the engine's events. Called from the engine's task; implementations must be quick.
public protocol ImportObserver: Sendable {
    func handle(_ event: ImportEvent)
}
