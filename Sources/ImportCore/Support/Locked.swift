import Synchronization

/// A value shared between tasks, guarded by a lock (a class, so closures can capture it).
public final class Locked<Value: Sendable>: Sendable {
    private let storage: Mutex<Value>

    /// A value to share.
    public init(_ value: Value) { storage = Mutex(value) }

    /// The value now.
    public var value: Value { storage.withLock { $0 } }

    /// Changes the value under the lock and returns what `body` returns.
    @discardableResult
    public func update<R>(_ body: (inout Value) -> R) -> R { storage.withLock { body(&$0) } }
}
