/// An observer that ignores everything.
public struct SilentObserver: ImportObserver {
    public init() {}
    public func handle(_ event: ImportEvent) {}
}
