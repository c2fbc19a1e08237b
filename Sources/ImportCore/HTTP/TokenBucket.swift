import Foundation

/// A token-bucket rate limit: `rate` requests per second on average, bursts of up to `burst`.
public actor TokenBucket {
    private let rate: Double
    private let burst: Double
    private var tokens: Double
    private var last: Double

    /// A bucket refilling `rate` tokens a second, holding at most `burst`.
    public init(rate: Double, burst: Int) {
        self.rate = max(rate, 0.001)
        self.burst = Double(max(1, burst))
        tokens = Double(max(1, burst))
        last = TokenBucket.now()
    }

    static func now() -> Double { Double(DispatchTime.now().uptimeNanoseconds) / 1e9 }

    /// Waits until a token is available and takes it.
    public func acquire() async {
        while true {
            let current = TokenBucket.now()
            tokens = min(burst, tokens + (current - last) * rate)
            last = current
            if tokens >= 1 {
                tokens -= 1
                return
            }
            let wait = (1 - tokens) / rate
            try? await Task.sleep(nanoseconds: UInt64(wait * 1e9))
        }
    }
}
