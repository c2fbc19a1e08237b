import Foundation

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
