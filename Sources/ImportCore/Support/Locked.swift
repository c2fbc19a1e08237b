import Synchronization

/// A value shared between tasks, guarded by a lock (a class, so closures can capture it).
public final class Locked<Value: Sendable>: Sendable {
    private let storage: Mutex<Value>

    public init(_ value: Value) { storage = Mutex(value) }

    public var value: Value { storage.withLock { $0 } }

    @discardableResult
    public func update<R>(_ body: (inout Value) -> R) -> R { storage.withLock { body(&$0) } }
}
