import ImportCore

/// An observer that runs `action` once, when the import has written its `pages`-th page (and each
/// further action `then` adds at its own page): an outage, an edit in the source, anything a test
/// needs to happen mid-run.
public final class ActionAfterPages: ImportObserver {
    private let written = Locked(0)
    private let actions: [(pages: Int, action: @Sendable () -> Void)]

    public convenience init(_ pages: Int, _ action: @escaping @Sendable () -> Void) {
        self.init(actions: [(pages, action)])
    }

    private init(actions: [(pages: Int, action: @Sendable () -> Void)]) { self.actions = actions }

    /// This observer with `action` run as well, after the `pages`-th page.
    public func then(after pages: Int, _ action: @escaping @Sendable () -> Void) -> ActionAfterPages {
        ActionAfterPages(actions: actions + [(pages, action)])
    }

    public func handle(_ event: ImportEvent) {
        guard case .page = event else { return }
        let count = written.update { count -> Int in
            count += 1
            return count
        }
        for entry in actions where entry.pages == count { entry.action() }
    }
}
