import ImportCore

/// An observer that runs `action` once, when the import has written its `pages`-th page: an
/// outage, an edit in the source, anything a test needs to happen mid-run.
public final class ActionAfterPages: ImportObserver {
    private let written = Locked(0)
    private let pages: Int
    private let action: @Sendable () -> Void

    public init(_ pages: Int, _ action: @escaping @Sendable () -> Void) {
        self.pages = pages
        self.action = action
    }

    public func handle(_ event: ImportEvent) {
        guard case .page = event,
            written.update({ count -> Int in
                count += 1
                return count
            }) == pages
        else { return }
        action()
    }
}
