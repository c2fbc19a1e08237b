import Foundation
import Synchronization

/// The HTTP client every provider shares: HTTPS enforcement, authentication, a concurrency limit,
/// a token-bucket rate limit, retries with exponential backoff and full jitter (honouring
/// `Retry-After`), per-request timeouts and an overall deadline, and redaction of secrets in every
/// log line and error.
public final class HTTPClient: Sendable {
    /// One line of the request log (already redacted).
    public typealias Logger = @Sendable (String) -> Void

    let transport: any HTTPTransport
    let credentials: Credentials?
    public let redactor: Redactor
    let requestTimeout: Double
    /// The longest one call may take, retries and waits included.
    let deadline: Double
    let retry: RetryPolicy
    let semaphore: AsyncSemaphore
    let bucket: TokenBucket?
    let logger: Logger?
    private let counters = Mutex(RequestMetrics())

    public init(
        credentials: Credentials?, options: ConnectionOptions = .init(), transport: (any HTTPTransport)? = nil,
        deadline: Double = 600, logger: Logger? = nil
    ) {
        self.credentials = credentials
        self.redactor = credentials.map { Redactor(credentials: $0) } ?? Redactor()
        self.transport = transport ?? URLSessionTransport(maxConnectionsPerHost: options.maxConcurrentRequests)
        self.requestTimeout = options.requestTimeout
        self.deadline = deadline
        self.retry = RetryPolicy(maxAttempts: options.maxAttempts, base: options.backoffBase, cap: options.backoffCap)
        self.semaphore = AsyncSemaphore(limit: options.maxConcurrentRequests)
        self.bucket = options.requestsPerSecond.map { TokenBucket(rate: $0, burst: options.burst) }
        self.logger = logger
    }

    /// Requests and retries so far.
    public var metrics: RequestMetrics { counters.withLock { $0 } }

    /// Sends `request` (authenticated unless `authenticate` is false) and returns a 2xx response.
    /// Non-2xx answers throw `HTTPError.status` with the body, after retries for retryable ones.
    public func send(_ request: HTTPRequest, authenticate: Bool = true) async throws(HTTPError) -> HTTPResponse {
        try await perform(request, authenticate: authenticate, expectJSON: false).0
    }

    /// Like `send`, and parses the body as JSON; an unreadable body (truncated, not JSON) is retried
    /// like a dropped connection.
    public func sendJSON(_ request: HTTPRequest, authenticate: Bool = true) async throws(HTTPError) -> (
        HTTPResponse, JSONValue
    ) {
        let (response, json) = try await perform(request, authenticate: authenticate, expectJSON: true)
        return (response, json ?? .null)
    }

    private func perform(_ original: HTTPRequest, authenticate: Bool, expectJSON: Bool) async throws(HTTPError) -> (
        HTTPResponse, JSONValue?
    ) {
        do {
            try URLPolicy.checkRequestURL(original.url)
        } catch {
            throw .policy(error)
        }
        var request = original
        if authenticate, let credentials { request.headers["Authorization"] = credentials.authorizationHeader() }
        if expectJSON, request.headers["Accept"] == nil { request.headers["Accept"] = "application/json" }
        let shownURL = redactor.redact(request.url)
        let started = Date()
        var attempt = 0
        while true {
            attempt += 1
            if let bucket { await bucket.acquire() }
            await semaphore.acquire()
            let attemptStart = Date()
            counters.withLock { $0.requests += 1 }
            let outcome: Result<HTTPResponse, any Error>
            do {
                outcome = .success(try await transport.send(request, timeout: requestTimeout))
            } catch {
                outcome = .failure(error)
            }
            await semaphore.release()
            let elapsedMS = Int(Date().timeIntervalSince(attemptStart) * 1000)

            var retryAfter: String?
            let failure: HTTPError
            switch outcome {
            case .success(let response):
                counters.withLock { $0.bytesReceived += response.body.count }
                log("\(request.method) \(shownURL) → \(response.status) (\(elapsedMS) ms, attempt \(attempt))")
                if (200..<300).contains(response.status) {
                    guard expectJSON else { return (response, nil) }
                    do {
                        return (response, try JSONParser.parse(response.body))
                    } catch {
                        failure = .invalidBody(message: error.description, url: shownURL, attempts: attempt)
                    }
                } else {
                    failure = .status(
                        code: response.status,
                        body: Data(redactor.redact(String(decoding: response.body, as: UTF8.self)).utf8),
                        headers: response.headers, url: shownURL, attempts: attempt)
                    guard retry.isRetryable(status: response.status) else { throw failure }
                    retryAfter = response.header("Retry-After")
                }
            case .failure(let error):
                if error is CancellationError || Task.isCancelled {
                    throw .transport(message: "cancelled", url: shownURL, attempts: attempt)
                }
                let message = redactor.redact(HTTPClient.describe(error))
                log("\(request.method) \(shownURL) → failed: \(message) (\(elapsedMS) ms, attempt \(attempt))")
                failure = .transport(message: message, url: shownURL, attempts: attempt)
            }
            guard attempt < retry.maxAttempts,
                let wait = retry.backoff(afterAttempt: attempt, retryAfter: retryAfter)
            else { throw failure }
            if Date().timeIntervalSince(started) + wait > deadline {
                throw .deadlineExceeded(url: shownURL, seconds: deadline)
            }
            counters.withLock { $0.retries += 1 }
            log("retrying \(request.method) \(shownURL) in \(String(format: "%.2f", wait)) s")
            do {
                try await Task.sleep(nanoseconds: UInt64(wait * 1e9))
            } catch {
                throw .transport(message: "cancelled", url: shownURL, attempts: attempt)
            }
        }
    }

    private func log(_ line: String) {
        logger?(redactor.redact(line))
    }

    static func describe(_ error: any Error) -> String {
        let nsError = error as NSError
        if nsError.domain == NSURLErrorDomain {
            switch nsError.code {
            case NSURLErrorTimedOut: return "timed out"
            case NSURLErrorCannotConnectToHost: return "connection refused"
            case NSURLErrorNetworkConnectionLost: return "connection lost"
            case NSURLErrorCannotFindHost: return "unknown host"
            case NSURLErrorNotConnectedToInternet: return "no network"
            case NSURLErrorSecureConnectionFailed, NSURLErrorServerCertificateUntrusted:
                return "TLS handshake failed"
            default: return "network error \(nsError.code): \(nsError.localizedDescription)"
            }
        }
        return "\(error)"
    }
}
