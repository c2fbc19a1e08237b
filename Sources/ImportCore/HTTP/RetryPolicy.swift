import Foundation

/// When and how long to wait before trying a request again.
///
/// Retried: 429, 500, 502, 503, 504, connection failures and unreadable 2xx bodies. Never retried:
/// other 4xx (400, 401, 403, 404…), which a second attempt cannot fix. Waits grow exponentially with
/// full jitter (a random time between zero and the exponential bound) and honour `Retry-After`
/// (seconds or an HTTP date).
public struct RetryPolicy: Sendable {
    /// Attempts per request, the first included.
    public var maxAttempts: Int
    /// The first backoff, in seconds.
    public var base: Double
    /// The longest backoff, in seconds.
    public var cap: Double
    /// Longest `Retry-After` honoured; a longer one ends the retries with the error.
    public var maxRetryAfter: Double

    /// A policy.
    public init(maxAttempts: Int = 6, base: Double = 0.5, cap: Double = 30, maxRetryAfter: Double = 120) {
        self.maxAttempts = max(1, maxAttempts)
        self.base = base
        self.cap = cap
        self.maxRetryAfter = maxRetryAfter
    }

    /// Statuses worth another attempt.
    public static let retryableStatuses: Set<Int> = [429, 500, 502, 503, 504]

    /// Whether `status` is worth another attempt.
    public func isRetryable(status: Int) -> Bool { RetryPolicy.retryableStatuses.contains(status) }

    /// The wait before attempt `attempt + 1` (attempts count from 1).
    public func backoff(afterAttempt attempt: Int, retryAfter: String?, now: Date = Date()) -> Double? {
        if let retryAfter, let seconds = RetryPolicy.parseRetryAfter(retryAfter, now: now) {
            return seconds <= maxRetryAfter ? seconds : nil
        }
        let bound = min(cap, base * pow(2, Double(attempt - 1)))
        return Double.random(in: 0...bound)
    }

    /// `Retry-After` as seconds from now: a number of seconds, or an HTTP date (RFC 9110).
    public static func parseRetryAfter(_ value: String, now: Date = Date()) -> Double? {
        let trimmed = value.trimmingCharacters(in: .whitespaces)
        if let seconds = Double(trimmed), seconds >= 0 { return seconds }
        return HTTPDate.parse(trimmed).map { max(0, $0.timeIntervalSince(now)) }
    }
}
