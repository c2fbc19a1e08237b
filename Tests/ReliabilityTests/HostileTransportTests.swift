import Foundation
import ImportCore
import ProviderSandbox
import TestSupport
import Testing

/// A hostile or broken server at the HTTP level: redirects that try to take the credentials
/// elsewhere, answers that never end or never start, bodies that would fill the memory.
@Suite("Hostile source: redirects, stalls and oversized answers")
struct HostileTransportTests {
    static let basic = Credentials.emailToken(email: "me@example.com", token: "token-that-must-stay-home")
    static let bearer = Credentials.personalAccessToken("pat-that-must-stay-home")

    static func options(timeout: Double = 10, attempts: Int = 1, maxBytes: Int = 1 << 20) -> ConnectionOptions {
        ConnectionOptions(
            requestTimeout: timeout, maxResponseBytes: maxBytes, maxAttempts: attempts, backoffBase: 0.01,
            backoffCap: 0.02)
    }

    @Test("a redirect to another port or to localhost is refused for API calls; the credential never arrives there")
    func crossOriginRedirectRefused() async throws {
        let elsewhere = try RecordingServer { _ in .json(200, #"{"accountId":"attacker","displayName":"Attacker"}"#) }
        let port = elsewhere.server.port
        for target in ["http://127.0.0.1:\(port)/rest/api/3/myself", "http://localhost:\(port)/rest/api/3/myself"] {
            for status in [301, 302, 303, 307, 308] {
                let site = try RecordingServer { _ in RecordingServer.redirect(status, to: target) }
                for credentials in [Self.basic, Self.bearer] {
                    let client = HTTPClient(credentials: credentials, options: Self.options())
                    for method in ["GET", "POST"] {
                        let request = HTTPRequest(
                            method: method, url: URL(string: site.url + "/rest/api/3/myself")!,
                            body: method == "POST" ? Data("{}".utf8) : nil)
                        let error = await captureError(HTTPError.self) { _ = try await client.sendJSON(request) }
                        guard case .redirectRefused(_, _, let reason)? = error else {
                            Issue.record(
                                "\(status) \(method) to \(target): expected a refused redirect, got \(String(describing: error))"
                            )
                            continue
                        }
                        #expect(reason.contains("another origin"))
                        #expect(!"\(error!)".contains("token-that-must-stay-home"))
                    }
                }
                #expect(site.authorizationHeaders.count == 4, "the site itself got the credentials")
            }
        }
        #expect(elsewhere.requests.isEmpty, "the other origin was contacted: \(elsewhere.requests.map(\.path))")
    }

    @Test("a redirect within the site is followed with the credentials; 303 turns a POST into a GET")
    func sameOriginRedirectFollowed() async throws {
        let site = try RecordingServer { request in
            switch request.path {
            case "/old": return RecordingServer.redirect(307, to: "/new")
            case "/see-other": return RecordingServer.redirect(303, to: "/new")
            default: return .json(200, #"{"method":"\#(request.method)","length":\#(request.body.count)}"#)
            }
        }
        let client = HTTPClient(credentials: Self.basic, options: Self.options())
        let kept = try await client.sendJSON(
            HTTPRequest(method: "POST", url: URL(string: site.url + "/old")!, body: Data("{\"a\":1}".utf8)))
        #expect(kept.1 == ["method": "POST", "length": 7])
        let changed = try await client.sendJSON(
            HTTPRequest(method: "POST", url: URL(string: site.url + "/see-other")!, body: Data("{}".utf8)))
        #expect(changed.1["method"] == "GET")
        #expect(site.authorizationHeaders.count == 4)
        #expect(site.authorizationHeaders.allSatisfy { $0 == Self.basic.authorizationHeader() })
    }

    @Test("file content may follow a redirect to another origin, but arrives there without Authorization")
    func contentRedirectWithoutCredentials() async throws {
        let media = try RecordingServer { _ in .text(200, "file bytes") }
        let site = try RecordingServer { _ in RecordingServer.redirect(302, to: media.url + "/file/1") }
        let client = HTTPClient(credentials: Self.basic, options: Self.options())
        let response = try await client.send(
            HTTPRequest(url: URL(string: site.url + "/attachment/content/1")!, redirects: .anyOriginWithoutCredentials))
        #expect(String(decoding: response.body, as: UTF8.self) == "file bytes")
        #expect(media.requests.count == 1)
        #expect(media.authorizationHeaders.isEmpty)
        #expect(site.authorizationHeaders.count == 1)
    }

    /// A transport that answers from a script, for URLs no loopback server can have (https, remote hosts).
    struct ScriptedTransport: HTTPTransport {
        let answer: @Sendable (HTTPRequest) -> HTTPResponse
        let seen: Locked<[String]>
        func send(_ request: HTTPRequest, limits: TransportLimits) async throws -> HTTPResponse {
            seen.update { $0.append(request.url.absoluteString) }
            return answer(request)
        }
    }

    static func redirect(_ request: HTTPRequest, to location: String) -> HTTPResponse {
        HTTPResponse(status: 302, headers: ["location": location], body: Data(), url: request.url)
    }

    @Test("every hop is checked: no step down to plain HTTP, no remote plain-HTTP target, no loop, no endless chain")
    func everyHopChecked() async throws {
        let cases: [(String, String, String)] = [
            ("https://jira.example.com/rest/api/3/myself", "http://jira.example.com/rest/api/3/myself", "HTTPS"),
            ("https://jira.example.com/a", "http://10.1.2.3/b", "HTTPS is required"),
            ("http://127.0.0.1:9/a", "http://10.1.2.3/b", "HTTPS is required"),
            ("https://jira.example.com/a", "ftp://jira.example.com/b", "unsupported URL scheme"),
            ("https://jira.example.com/a", "https://jira.example.com/a", "loops"),
        ]
        for (start, target, reason) in cases {
            let seen = Locked<[String]>([])
            let client = HTTPClient(
                credentials: Self.bearer, options: Self.options(),
                transport: ScriptedTransport(answer: { Self.redirect($0, to: target) }, seen: seen))
            let error = await captureError(HTTPError.self) {
                _ = try await client.send(HTTPRequest(url: URL(string: start)!))
            }
            guard case .redirectRefused(_, _, let why)? = error else {
                Issue.record("\(start) → \(target): \(String(describing: error))")
                continue
            }
            #expect(why.contains(reason), "\(start) → \(target): \(why)")
            #expect(seen.value == [start], "only the first hop may be sent")
        }
        let seen = Locked<[String]>([])
        let counter = Locked(0)
        let endless = HTTPClient(
            credentials: Self.bearer, options: Self.options(),
            transport: ScriptedTransport(
                answer: { request in
                    let next = counter.update { value -> Int in
                        value += 1
                        return value
                    }
                    return Self.redirect(request, to: "https://jira.example.com/hop/\(next)")
                }, seen: seen))
        let error = await captureError(HTTPError.self) {
            _ = try await endless.send(HTTPRequest(url: URL(string: "https://jira.example.com/start")!))
        }
        #expect("\(String(describing: error))".contains("more than 10 redirects"))
        #expect(seen.value.count == 11)
    }

    @Test("an answer trickling a byte a second, or headers that never come, end at the configured timeout")
    func slowAnswersTimeOut() async throws {
        let body = Data(String(repeating: "x", count: 10_000).utf8)
        for pacing in [
            SandboxResponse.Pacing.trickle(bytes: 1, interval: 0.2), .stallBeforeHeaders(seconds: 30),
        ] {
            let site = try RecordingServer { _ in
                SandboxResponse(status: 200, headers: ["Content-Type": "application/json"], body: body, pacing: pacing)
            }
            let client = HTTPClient(credentials: Self.basic, options: Self.options(timeout: 1, attempts: 2))
            let started = Date()
            let error = await captureError(HTTPError.self) {
                _ = try await client.send(HTTPRequest(url: URL(string: site.url + "/slow")!))
            }
            let elapsed = Date().timeIntervalSince(started)
            #expect(
                "\(String(describing: error))".contains("no complete answer within 1 s"),
                "\(pacing): \(String(describing: error))")
            // Without a bound on the whole exchange this would take 2,000 s (or forever); the margin is for busy machines.
            #expect(elapsed < 30, "\(pacing): two 1 s attempts took \(elapsed) s")
            #expect(client.metrics.requests == 2)
        }
    }

    @Test("the overall deadline bounds every attempt and wait together")
    func overallDeadline() async throws {
        let site = try RecordingServer { _ in SandboxResponse(status: 200, pacing: .stallBeforeHeaders(seconds: 120)) }
        var options = Self.options(timeout: 5, attempts: 6)
        options.deadline = 1.5
        let client = HTTPClient(credentials: nil, options: options)
        let started = Date()
        let error = await captureError(HTTPError.self) {
            _ = try await client.send(HTTPRequest(url: URL(string: site.url + "/slow")!))
        }
        #expect(error != nil)
        // Six 5 s attempts would take 30 s; the deadline ends it after 1.5 s (the margin is for busy machines).
        #expect(Date().timeIntervalSince(started) < 20)
    }

    @Test("an oversized body, declared or not, and a gzip bomb stop at the limit with a clear error")
    func oversizedAnswers() async throws {
        let limit = 1 << 20
        let big = Data(repeating: UInt8(ascii: " "), count: 8 << 20)
        let bomb = Data(Gzip.zeros(64 << 20))
        #expect(bomb.count < 500_000)
        let site = try RecordingServer { request in
            switch request.path {
            case "/declared": return .json(200, bytes: Array(big))
            case "/bomb":
                return SandboxResponse(
                    status: 200, headers: ["Content-Type": "application/json", "Content-Encoding": "gzip"], body: bomb)
            default:
                return SandboxResponse(
                    status: 200, headers: ["Content-Type": "application/json"], body: big,
                    pacing: .trickle(bytes: 256 << 10, interval: 0.001))
            }
        }
        let client = HTTPClient(credentials: nil, options: Self.options(maxBytes: limit))
        for path in ["/declared", "/streamed", "/bomb"] {
            let error = await captureError(HTTPError.self) {
                _ = try await client.sendJSON(HTTPRequest(url: URL(string: site.url + path)!))
            }
            guard case .tooLarge(_, let reported)? = error else {
                Issue.record("\(path): expected tooLarge, got \(String(describing: error))")
                continue
            }
            #expect(reported == limit)
            #expect("\(error!)".contains("larger than 1 MB"))
        }
        #expect(client.metrics.bytesReceived == 0)
    }

    @Test("a token echoed JSON-escaped in an error body is redacted after decoding")
    func escapedEchoRedacted() async throws {
        let token = "tok/en-that+must=stay:home"
        let credentials = Credentials.personalAccessToken(token)
        let escaped = token.unicodeScalars.map { String(format: "\\u%04x", $0.value) }.joined()
        let slashed = token.replacingOccurrences(of: "/", with: "\\/")
        let site = try RecordingServer { _ in
            .json(401, #"{"errorMessages":["bad token \#(escaped)", "also \#(slashed)"],"\#(escaped)":"key"}"#)
        }
        let client = HTTPClient(credentials: credentials, options: Self.options())
        let error = try #require(
            await captureError(HTTPError.self) { _ = try await client.send(HTTPRequest(url: URL(string: site.url)!)) })
        guard case .status(_, let body, _, _, _) = error else {
            Issue.record("expected a status error")
            return
        }
        let decoded = try JSONParser.parse(body)
        let everything = decoded.jsonText + "\(error)" + String(decoding: body, as: UTF8.self)
        #expect(!everything.contains(token))
        #expect(!everything.contains(escaped))
        #expect(decoded["errorMessages"]?[0]?.stringValue == "bad token ‹redacted›")
    }
}
