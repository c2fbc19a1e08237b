import Foundation
import Synchronization

/// The HTTP client every provider shares: HTTPS enforcement on every redirect hop, credentials that
/// never leave their origin, authentication, a concurrency limit, a token-bucket rate limit, retries
/// with exponential backoff and full jitter (honouring `Retry-After`), a timeout on each whole attempt
/// and an overall deadline, a bound on the size of an answer, and redaction of secrets in every log
/// line and error (after decoding, so an escaped echo of a token is caught too).
public final class HTTPClient: Sendable {
    /// One line of the request log (already redacted).
    public typealias Logger = @Sendable (String) -> Void

    /// Most redirect hops followed for one request.
    public static let maxRedirects = 10

    let transport: any HTTPTransport
    let credentials: Credentials?
    /// Hides this connection's secrets in everything the client reports.
    public let redactor: Redactor
    let requestTimeout: Double
    /// The longest one call may take, retries and waits included.
    let deadline: Double
    let maxResponseBytes: Int
    let retry: RetryPolicy
    let concurrency: AdaptiveConcurrency
    let bucket: TokenBucket?
    let logger: Logger?
    private let counters = Mutex(RequestMetrics())
    /// What the server said of its budget: when the next request may leave.
    let budget = Mutex(BudgetPacer())

    /// A client sending `credentials` (when given) with the limits of `options`.
    public init(
        credentials: Credentials?, options: ConnectionOptions = .init(), transport: (any HTTPTransport)? = nil,
        logger: Logger? = nil
    ) {
        self.credentials = credentials
        self.redactor = credentials.map { Redactor(credentials: $0) } ?? Redactor()
        self.transport = transport ?? URLSessionTransport(maxConnectionsPerHost: options.maxConcurrentRequests)
        self.requestTimeout = max(0.001, options.requestTimeout)
        self.deadline = max(0.001, options.deadline)
        self.maxResponseBytes = max(1, options.maxResponseBytes)
        self.retry = RetryPolicy(maxAttempts: options.maxAttempts, base: options.backoffBase, cap: options.backoffCap)
        self.concurrency = AdaptiveConcurrency(bound: options.maxConcurrentRequests)
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

    /// Where a download's body goes, how large it may be and how long one attempt may take.
    struct DownloadSink {
        let path: String
        let maxBytes: Int
        let seconds: Double
    }

    /// Sends `request` (authenticated) and streams a 2xx body into the file at `path` (replacing it),
    /// at most `maxBytes`, each attempt within `seconds`; retries, redirects and their checks as
    /// `send`. Follow redirects to other origins only with `.anyOriginWithoutCredentials`: the
    /// credentials then stay behind. `authenticate: false` sends none at all (a pre-signed link to
    /// another origin, such as Asana's `download_url`).
    public func download(
        _ request: HTTPRequest, to path: String, maxBytes: Int, seconds: Double, authenticate: Bool = true
    ) async throws(HTTPError) -> HTTPResponse {
        do {
            return try await perform(
                request, authenticate: authenticate, expectJSON: false,
                sink: DownloadSink(path: path, maxBytes: max(1, maxBytes), seconds: max(0.001, seconds))
            ).0
        } catch {
            try? FileManager.default.removeItem(atPath: path)
            throw error
        }
    }

    private func perform(
        _ original: HTTPRequest, authenticate: Bool, expectJSON: Bool, sink: DownloadSink? = nil
    ) async throws(HTTPError) -> (HTTPResponse, JSONValue?) {
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
            let remaining =
                (sink?.seconds ?? deadline) * (sink == nil ? 1 : Double(retry.maxAttempts))
                - Date().timeIntervalSince(started)
            guard remaining > 0 else { throw .deadlineExceeded(url: shownURL, seconds: deadline) }
            if let bucket { await bucket.acquire() }
            // A place among the requests in flight first, then in the budget: a request given its
            // budget place leaves at once, not after waiting for a place in flight (with others).
            let generation = await concurrency.acquire()
            let ticket: Int
            do {
                ticket = try await waitForBudget()
            } catch {
                await concurrency.release(.noAnswer, generation: generation)
                throw .transport(message: "cancelled", url: shownURL, attempts: attempt)
            }
            let attemptStart = Date()
            let outcome: Result<HTTPResponse, any Error>
            do {
                // A retry starts the file again.
                if let sink { try? FileManager.default.removeItem(atPath: sink.path) }
                outcome = .success(
                    try await exchange(
                        request, shownURL: shownURL, seconds: min(sink?.seconds ?? requestTimeout, remaining),
                        sink: sink
                    ))
            } catch {
                outcome = .failure(error)
            }
            let elapsed = Date().timeIntervalSince(attemptStart)
            await concurrency.release(Self.signal(outcome, seconds: elapsed), generation: generation)
            if case .success(let response) = outcome { noteBudget(response, ticket: ticket) }
            let elapsedMS = Int(elapsed * 1000)

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
                        code: response.status, body: redactor.redactBody(response.body), headers: response.headers,
                        url: redactor.redact(response.url), attempts: attempt)
                    guard retry.isRetryable(status: response.status) else { throw failure }
                    retryAfter = response.header("Retry-After")
                }
            case .failure(let error as HTTPError):
                // Refused redirects and oversized answers: another attempt would meet the same.
                log("\(request.method) \(shownURL) → \(error) (\(elapsedMS) ms, attempt \(attempt))")
                throw error
            case .failure(let error):
                if error is CancellationError || Task.isCancelled {
                    throw .transport(message: "cancelled", url: shownURL, attempts: attempt)
                }
                let message = redactor.redact(HTTPClient.describe(error))
                log("\(request.method) \(shownURL) → failed: \(message) (\(elapsedMS) ms, attempt \(attempt))")
                failure = .transport(message: message, url: shownURL, attempts: attempt)
                // An unknown host, a URL the stack cannot use, a certificate it will not trust: another
                // attempt meets the same, so the user hears it now rather than after the backoff.
                if HTTPClient.isPermanent(error) { throw failure }
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

    /// One attempt: the request and the redirects it may follow, within `seconds` in all.
    /// Throws `HTTPError` for what no retry can fix (a refused redirect, an oversized answer).
    private func exchange(_ first: HTTPRequest, shownURL: String, seconds: Double, sink: DownloadSink? = nil)
        async throws -> HTTPResponse
    {
        let ends = Date().addingTimeInterval(seconds)
        var request = first
        var visited: Set<String> = [first.url.absoluteString]
        for _ in 0...HTTPClient.maxRedirects {
            counters.withLock { $0.requests += 1 }
            let left = ends.timeIntervalSinceNow
            guard left > 0 else { throw TransportFailure.timedOut(seconds: seconds) }
            let response: HTTPResponse
            do {
                if let sink {
                    response = try await transport.download(
                        request, to: sink.path, limits: TransportLimits(timeout: left, maxBodyBytes: sink.maxBytes))
                } else {
                    response = try await transport.send(
                        request, limits: TransportLimits(timeout: left, maxBodyBytes: maxResponseBytes))
                }
            } catch TransportFailure.bodyTooLarge(let limit) {
                throw HTTPError.tooLarge(url: redactor.redact(request.url), limit: limit)
            } catch TransportFailure.timedOut {
                throw TransportFailure.timedOut(seconds: seconds)
            }
            guard Redirect.isRedirect(response.status), let location = response.header("Location") else {
                return response
            }
            let from = redactor.redact(request.url)
            let next = try Redirect.next(
                after: request, response: response, location: location, visited: visited, redactor: redactor)
            log("\(request.method) \(from) → \(response.status) redirect to \(redactor.redact(next.url))")
            visited.insert(next.url.absoluteString)
            request = next
        }
        throw HTTPError.redirectRefused(
            from: shownURL, to: redactor.redact(request.url),
            reason: "more than \(HTTPClient.maxRedirects) redirects")
    }

    private func log(_ line: String) {
        logger?(redactor.redact(line))
    }

    /// Whether a transport failure is one no retry can fix.
    static func isPermanent(_ error: any Error) -> Bool {
        let nsError = error as NSError
        guard nsError.domain == NSURLErrorDomain else { return false }
        return [
            NSURLErrorBadURL, NSURLErrorUnsupportedURL, NSURLErrorCannotFindHost, NSURLErrorDNSLookupFailed,
            NSURLErrorServerCertificateUntrusted, NSURLErrorServerCertificateHasBadDate,
            NSURLErrorServerCertificateNotYetValid, NSURLErrorServerCertificateHasUnknownRoot,
            NSURLErrorClientCertificateRejected, NSURLErrorAppTransportSecurityRequiresSecureConnection,
        ].contains(nsError.code)
    }

    static func describe(_ error: any Error) -> String {
        if case TransportFailure.timedOut(let seconds) = error {
            return "no complete answer within \(String(format: "%g", seconds)) s"
        }
        let nsError = error as NSError
        if nsError.domain == NSURLErrorDomain {
            switch nsError.code {
            case NSURLErrorTimedOut: return "timed out"
            case NSURLErrorCancelled: return "cancelled"
            case NSURLErrorCannotConnectToHost: return "connection refused"
            case NSURLErrorNetworkConnectionLost: return "connection lost"
            case NSURLErrorCannotFindHost, NSURLErrorDNSLookupFailed: return "unknown host (no address for this name)"
            case NSURLErrorBadURL, NSURLErrorUnsupportedURL: return "the URL cannot be used"
            case NSURLErrorNotConnectedToInternet: return "no network"
            case NSURLErrorSecureConnectionFailed, NSURLErrorServerCertificateUntrusted:
                return "TLS handshake failed"
            default: return "network error \(nsError.code): \(nsError.localizedDescription)"
            }
        }
        return "\(error)"
    }
}
