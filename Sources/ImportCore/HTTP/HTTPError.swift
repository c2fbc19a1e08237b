import Foundation

/// A request that did not get a usable answer. Every text in it has been through the `Redactor`.
public enum HTTPError: Error, Sendable, CustomStringConvertible, CategorizedError {
    /// A refused URL is a configuration error; everything else a failure (providers turn statuses into
    /// their own typed errors).
    public var category: ErrorCategory {
        if case .policy = self { return .configuration }
        return .failure
    }

    /// The server answered with an error status (after retries, for retryable ones).
    case status(code: Int, body: Data, headers: [String: String], url: String, attempts: Int)
    /// No answer: connection refused or dropped, DNS, TLS, timeout.
    case transport(message: String, url: String, attempts: Int)
    /// A 2xx answer whose body is not what was expected (truncated or invalid JSON).
    case invalidBody(message: String, url: String, attempts: Int)
    /// The overall deadline passed before an answer came.
    case deadlineExceeded(url: String, seconds: Double)
    /// The URL is not allowed (plain HTTP to a remote host, unknown scheme).
    case policy(URLPolicyError)
    /// The server redirected somewhere the request may not follow (another origin, plain HTTP, a loop).
    case redirectRefused(from: String, to: String, reason: String)
    /// The answer's body passed the size limit (after decompression); the transfer was stopped.
    case tooLarge(url: String, limit: Int)

    /// The failure, redacted, with what to do next.
    public var description: String {
        switch self {
        case .status(let code, let body, _, let url, let attempts):
            let snippet = String(decoding: body.prefix(300), as: UTF8.self)
            return "HTTP \(code) from \(url)\(attempts > 1 ? " after \(attempts) attempts" : ""): \(snippet)"
        case .transport(let message, let url, let attempts):
            return "no answer from \(url) after \(attempts) attempt\(attempts == 1 ? "" : "s"): \(message)"
        case .invalidBody(let message, let url, let attempts):
            return "unreadable answer from \(url) after \(attempts) attempt\(attempts == 1 ? "" : "s"): \(message)"
        case .deadlineExceeded(let url, let seconds):
            return "no answer from \(url) within \(Int(seconds)) s"
        case .policy(let error):
            return error.description
        case .redirectRefused(let from, let to, let reason):
            return "\(from) redirected to \(to), which was not followed: \(reason)"
        case .tooLarge(let url, let limit):
            return "the answer from \(url) is larger than \(HTTPError.describeSize(limit)), the limit for one answer"
        }
    }

    /// A byte count for people: `32 MB`, `512 KB`.
    public static func describeSize(_ bytes: Int) -> String {
        if bytes >= 1 << 20 && bytes % (1 << 20) == 0 { return "\(bytes >> 20) MB" }
        if bytes >= 1 << 10 && bytes % (1 << 10) == 0 { return "\(bytes >> 10) KB" }
        return "\(bytes) bytes"
    }

    /// The HTTP status, when there was one.
    public var statusCode: Int? {
        if case .status(let code, _, _, _, _) = self { return code }
        return nil
    }
}
