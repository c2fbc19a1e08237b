import Foundation

/// Linear's rate limits as the sandbox models them: a request budget and a complexity budget per
/// window, with the headers Linear sends (`X-RateLimit-Requests-*`, `X-RateLimit-Complexity-*`,
/// resets in epoch milliseconds, `X-Complexity` for the last query).
struct LinearRateLimiter: Sendable {
    let requestsPerWindow: Int
    let complexityPerWindow: Int
    let windowMilliseconds: Int64
    var windowStart: Int64 = 0
    var requests = 0
    var complexity = 0

    init(config: LinearSandboxConfig) {
        requestsPerWindow = config.requestsPerWindow
        complexityPerWindow = config.complexityPerWindow
        windowMilliseconds = Int64(max(1, config.windowSeconds)) * 1000
    }

    /// Counts one request of `cost` at `now` (epoch ms); `false` when a budget is spent (nothing counted).
    mutating func admit(cost: Int, now: Int64) -> Bool {
        if now - windowStart >= windowMilliseconds {
            windowStart = now
            requests = 0
            complexity = 0
        }
        guard requests < requestsPerWindow, complexity + cost <= complexityPerWindow else { return false }
        requests += 1
        complexity += cost
        return true
    }

    /// Which budget a refused request of `cost` ran into, in the words of Linear's message.
    func spentBudget(cost: Int, windowSeconds: Int) -> String {
        complexity + cost <= complexityPerWindow
            ? "Only \(requestsPerWindow) requests are allowed per \(windowSeconds) seconds."
            : "Only \(complexityPerWindow) complexity points are allowed per \(windowSeconds) seconds; this query costs \(cost)."
    }

    /// The headers of an answer.
    func headers(cost: Int) -> [String: String] {
        let reset = String(windowStart + windowMilliseconds)
        return [
            "X-RateLimit-Requests-Limit": String(requestsPerWindow),
            "X-RateLimit-Requests-Remaining": String(max(0, requestsPerWindow - requests)),
            "X-RateLimit-Requests-Reset": reset,
            "X-RateLimit-Complexity-Limit": String(complexityPerWindow),
            "X-RateLimit-Complexity-Remaining": String(max(0, complexityPerWindow - complexity)),
            "X-RateLimit-Complexity-Reset": reset, "X-Complexity": String(cost),
        ]
    }

    /// Seconds until the window resets, for `Retry-After`.
    func secondsToReset(now: Int64) -> Int {
        Int(max(0, (windowStart + windowMilliseconds - now + 999) / 1000))
    }
}
