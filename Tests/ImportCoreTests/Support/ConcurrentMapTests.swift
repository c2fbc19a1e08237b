import ImportCore
import Synchronization
import Testing

/// The bounded concurrent map child reads use: results in order, never more than the limit in
/// flight, the first failure thrown.
@Suite("Concurrent map with a limit")
struct ConcurrentMapTests {
    /// How many transforms run now, and the most seen at once.
    final class Gauge: Sendable {
        let state = Mutex((now: 0, most: 0))
        func enter() {
            state.withLock {
                $0.now += 1
                $0.most = max($0.most, $0.now)
            }
        }
        func leave() { state.withLock { $0.now -= 1 } }
    }

    struct Refused: Error {}

    @Test("results keep the input's order; at most the limit run at once")
    func orderAndLimit() async throws {
        let gauge = Gauge()
        let doubled = try await Array(0..<40).concurrentMap(limit: 3) { value -> Int in
            gauge.enter()
            try await Task.sleep(nanoseconds: UInt64((40 - value) * 200_000))
            gauge.leave()
            return value * 2
        }
        #expect(doubled == Array(0..<40).map { $0 * 2 })
        #expect(gauge.state.withLock { $0.most } <= 3)
        #expect(gauge.state.withLock { $0.most } >= 2, "the reads overlap")
    }

    @Test("the first failure is thrown")
    func failure() async {
        await #expect(throws: Refused.self) {
            _ = try await Array(0..<10).concurrentMap(limit: 4) { value -> Int in
                if value == 6 { throw Refused() }
                return value
            }
        }
    }
}
