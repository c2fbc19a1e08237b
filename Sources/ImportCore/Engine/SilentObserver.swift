/// An observer that ignores everything.
public struct SilentObserver: ImportObserver {
    /// An observer that ignores everything.
    public init() {}
    /// Ignores the event.
    public func handle(_ event: ImportEvent) {}
}
