import Foundation
import ImportCore
import ProviderSandbox
import Synchronization
import TestSupport
import Testing

@Suite("The shared HTTP client over real loopback sockets")
struct HTTPClientTests {
    func client(_ fixture: JiraSandboxFixture, token: String? = nil, maxAttempts: Int = 6, log: Locked<[String]>? = nil)
        -> HTTPClient
    {
        let credentials = Credentials.emailToken(email: fixture.config.email, token: token ?? fixture.config.apiToken)
        var logger: HTTPClient.Logger?
        if let log {
            logger = { line in log.update { $0.append(line) } }
        }
        return HTTPClient(credentials: credentials, options: fixture.options(maxAttempts: maxAttempts), logger: logger)
    }

    func myself(_ fixture: JiraSandboxFixture) -> HTTPRequest {
        HTTPRequest(url: URL(string: fixture.url + "/rest/api/3/myself")!)
    }

    @Test("429 with Retry-After is honoured, then the request succeeds")
    func retryAfter() async throws {
        var plan = FaultPlan()
        plan.rateLimited = 1
        plan.retryAfterSeconds = 1
        plan.maxFaults = 1
        let fixture = try JiraSandboxFixture(JiraSandboxConfig(issues: 1, faults: plan))
        let http = client(fixture)
        let started = Date()
        let (response, json) = try await http.sendJSON(myself(fixture))
        #expect(response.status == 200)
        #expect(json["displayName"]?.stringValue == "Demo Importer")
        #expect(Date().timeIntervalSince(started) >= 0.95, "the client must wait the Retry-After second")
        #expect(http.metrics.retries == 1)
        #expect(fixture.sandbox.server.injectedFaults[.rateLimited] == 1)
    }

    @Test("500, 503, dropped connections and truncated JSON are retried until an answer comes")
    func transientFaults() async throws {
        for fault in ["500", "503", "drop", "truncate"] {
            var plan = FaultPlan()
            switch fault {
            case "500": plan.serverErrors500 = 0.5
            case "503": plan.unavailable503 = 0.5
            case "drop": plan.droppedMidBody = 0.5
            default: plan.truncatedJSON = 0.5
            }
            plan.seed = 3
            let fixture = try JiraSandboxFixture(JiraSandboxConfig(issues: 1, faults: plan))
            let http = client(fixture, maxAttempts: 12)
            for _ in 0..<6 {
                let (_, json) = try await http.sendJSON(myself(fixture))
                #expect(json["accountId"] != nil, "fault \(fault)")
            }
            #expect(http.metrics.retries >= 1, "fault \(fault) was never retried")
            #expect(fixture.sandbox.server.injectedFaults.values.reduce(0, +) >= 1)
        }
    }

    @Test("401 is never retried; retries give up after the attempt limit with the last status")
    func noRetryAndLimit() async throws {
        let fixture = try JiraSandboxFixture(JiraSandboxConfig(issues: 1))
        let wrong = client(fixture, token: "wrong-token-value")
        #expect(await captureError(HTTPError.self) { _ = try await wrong.send(myself(fixture)) } != nil)
        #expect(wrong.metrics.requests == 1)
        var plan = FaultPlan()
        plan.unavailable503 = 1
        fixture.sandbox.setFaults(plan)
        let patient = client(fixture, maxAttempts: 3)
        let error = try #require(await captureError(HTTPError.self) { _ = try await patient.send(myself(fixture)) })
        #expect(error.statusCode == 503)
        #expect(patient.metrics.requests == 3)
    }

    @Test("plain HTTP is refused for remote hosts before any traffic, allowed on loopback")
    func httpsEnforcement() async throws {
        let http = HTTPClient(credentials: nil)
        let error = try #require(
            await captureError(HTTPError.self) {
                _ = try await http.send(HTTPRequest(url: URL(string: "http://jira.example.com/rest/api/3/myself")!))
            })
        #expect("\(error)".contains("HTTPS is required"))
        #expect(http.metrics.requests == 0)
        #expect(throws: URLPolicyError.self) { _ = try URLPolicy.normalizedBaseURL("http://10.0.0.5:8080") }
        for host in ["http://127.0.0.1:9", "http://localhost:9", "http://127.12.0.3"] {
            _ = try URLPolicy.normalizedBaseURL(host)
        }
        #expect(URLPolicy.isLoopback("[::1]"))
        // Foundation on Linux cannot send to an IPv6 literal ("bad URL" after six attempts): refused up front.
        let literal = try #require(
            await captureError(URLPolicyError.self) { _ = try URLPolicy.normalizedBaseURL("http://[::1]:9") })
        #expect(literal.message.contains("IPv6") && literal.hint.contains("127.0.0.1"))
        // Names under .localhost may be resolved through DNS: not loopback for this rule.
        #expect(throws: URLPolicyError.self) { _ = try URLPolicy.normalizedBaseURL("http://jira.localhost:9") }
    }

    @Test("the token never appears in log lines or errors, even when Jira echoes it")
    func redaction() async throws {
        let fixture = try JiraSandboxFixture(JiraSandboxConfig(issues: 1))
        let lines = Locked<[String]>([])
        let secret = "secret-token-that-must-not-leak"
        let http = client(fixture, token: secret, log: lines)
        let url = URL(string: fixture.url + "/rest/api/3/nothing-here?token=\(secret)&api_key=\(secret)&x=1")!
        let error = try #require(await captureError(HTTPError.self) { _ = try await http.send(HTTPRequest(url: url)) })
        let basic = Data("\(fixture.config.email):\(secret)".utf8).base64EncodedString()
        let everything = lines.value.joined(separator: "\n") + "\n\(error)\n\(String(describing: error))"
        #expect(!everything.contains(secret))
        #expect(!everything.contains(basic))
        #expect(everything.contains("token=‹redacted›"))
        let provider = try #require(
            await captureError(ProviderError.self) {
                _ = try await fixture.connection(.emailToken(email: fixture.config.email, token: secret)).verify()
            })
        #expect(!"\(provider)".contains(secret))
    }

    @Test("Retry-After as seconds or an HTTP date")
    func retryAfterParsing() {
        let now = Date(timeIntervalSince1970: 1_700_000_000)
        #expect(RetryPolicy.parseRetryAfter("30", now: now) == 30)
        #expect(RetryPolicy.parseRetryAfter("Tue, 14 Nov 2023 22:13:50 GMT", now: now) == 30)
        #expect(RetryPolicy.parseRetryAfter("soon", now: now) == nil)
        let policy = RetryPolicy(maxAttempts: 5, base: 0.5, cap: 4, maxRetryAfter: 60)
        #expect(policy.backoff(afterAttempt: 1, retryAfter: "120") == nil)
        for attempt in 1...10 {
            let wait = policy.backoff(afterAttempt: attempt, retryAfter: nil)!
            #expect(wait >= 0 && wait <= min(4, 0.5 * pow(2, Double(attempt - 1))))
        }
        #expect(
            !policy.isRetryable(status: 400) && !policy.isRetryable(status: 401) && !policy.isRetryable(status: 403)
                && !policy.isRetryable(status: 404))
        #expect(policy.isRetryable(status: 429) && policy.isRetryable(status: 502) && policy.isRetryable(status: 504))
    }

    @Test("the concurrency limit holds: never more than 4 requests in flight")
    func concurrencyLimit() async throws {
        var plan = FaultPlan()
        plan.latencyMilliseconds = 30
        let fixture = try JiraSandboxFixture(JiraSandboxConfig(issues: 1, faults: plan))
        let inFlight = Locked((now: 0, peak: 0))
        struct CountingTransport: HTTPTransport {
            let inner: URLSessionTransport
            let inFlight: Locked<(now: Int, peak: Int)>
            func send(_ request: HTTPRequest, limits: TransportLimits) async throws -> HTTPResponse {
                inFlight.update {
                    $0.now += 1
                    $0.peak = max($0.peak, $0.now)
                }
                defer { inFlight.update { $0.now -= 1 } }
                return try await inner.send(request, limits: limits)
            }
        }
        let http = HTTPClient(
            credentials: fixture.validCredentials, options: fixture.options(),
            transport: CountingTransport(inner: URLSessionTransport(maxConnectionsPerHost: 8), inFlight: inFlight))
        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<16 { group.addTask { _ = try await http.send(myself(fixture)) } }
            try await group.waitForAll()
        }
        #expect(inFlight.value.peak <= 4)
        #expect(inFlight.value.peak >= 2)
    }

    @Test("the token bucket spaces requests at the configured rate")
    func rateLimit() async throws {
        let bucket = TokenBucket(rate: 20, burst: 1)
        let started = Date()
        for _ in 0..<6 { await bucket.acquire() }
        #expect(Date().timeIntervalSince(started) >= 0.2)
    }

    /// A transport that fails every attempt with one URL-loading error.
    struct FailingTransport: HTTPTransport {
        let code: Int
        let attempts: Locked<Int>
        func send(_ request: HTTPRequest, limits: TransportLimits) async throws -> HTTPResponse {
            attempts.update { $0 += 1 }
            throw NSError(domain: NSURLErrorDomain, code: code)
        }
    }

    @Test(
        "an unknown host, a bad URL or an untrusted certificate fails at once; a refused connection is retried",
        arguments: [
            (NSURLErrorCannotFindHost, 1, "unknown host"), (NSURLErrorBadURL, 1, "the URL cannot be used"),
            (NSURLErrorServerCertificateUntrusted, 1, "TLS handshake failed"),
            (NSURLErrorCannotConnectToHost, 4, "connection refused"),
        ])
    func permanentFailures(_ code: Int, _ expectedAttempts: Int, _ words: String) async throws {
        let attempts = Locked(0)
        let client = HTTPClient(
            credentials: nil,
            options: ConnectionOptions(requestTimeout: 5, maxAttempts: 4, backoffBase: 0.001, backoffCap: 0.002),
            transport: FailingTransport(code: code, attempts: attempts))
        let error = await captureError(HTTPError.self) {
            _ = try await client.send(HTTPRequest(url: URL(string: "https://jira.example.com/rest/api/3/myself")!))
        }
        #expect(attempts.value == expectedAttempts)
        #expect("\(error.map { String(describing: $0) } ?? "")".contains(words), "\(String(describing: error))")
    }
}
