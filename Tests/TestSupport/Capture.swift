import Foundation
import Synchronization

/// The error `body` throws, if it is of type `E` (nil when it returns or throws something else).
/// Swift Testing's `#expect(throws:)` does not see async calls that use typed throws; this does.
public func captureError<E: Error>(_ type: E.Type, _ body: () async throws -> Void) async -> E? {
    do {
        try await body()
        return nil
    } catch let error as E {
        return error
    } catch {
        return nil
    }
}

/// A value shared between tasks in tests.
public final class Locked<Value: Sendable>: Sendable {
    private let storage: Mutex<Value>

    public init(_ value: Value) { storage = Mutex(value) }

    public var value: Value { storage.withLock { $0 } }

    public func update<R>(_ body: (inout Value) -> R) -> R { storage.withLock { body(&$0) } }
}
