import Foundation
import ImportCore
import ProviderSandbox
import TestSupport
import Testing

/// Downloads stream to a file over real loopback sockets: a redirect to another origin arrives there
/// without the credentials, a body past the file limit stops the transfer, retries start the file again.
@Suite("HTTP downloads")
struct HTTPDownloadTests {
    static let credentials = Credentials.emailToken(email: "dl@example.test", token: "download-token-0123456789")

    static func client() -> HTTPClient {
        HTTPClient(
            credentials: credentials,
            options: ConnectionOptions(
                maxConcurrentRequests: 2, requestTimeout: 5, maxAttempts: 3, backoffBase: 0.01, backoffCap: 0.02))
    }

    @Test("a redirect to another port is followed without Authorization, and the bytes land in the file")
    func redirectWithoutCredentials() async throws {
        let body = Data((0..<300_000).map { UInt8($0 % 251) })
        let media = try RecordingServer { _ in
            SandboxResponse(status: 200, headers: ["Content-Type": "application/pdf"], body: body)
        }
        let site = try RecordingServer { _ in RecordingServer.redirect(303, to: media.url + "/file/1?token=t") }
        let folder = TemporaryDirectory("tributary-download")
        let path = folder.file("out.bin")
        let response = try await Self.client().download(
            HTTPRequest(
                url: try #require(URL(string: site.url + "/attachment/content/1")),
                redirects: .anyOriginWithoutCredentials),
            to: path, maxBytes: 1 << 20, seconds: 10)
        #expect(response.status == 200 && response.body.isEmpty)
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == body)
        #expect(site.authorizationHeaders.count == 1, "the site gets the credentials")
        #expect(media.requests.count == 1 && media.authorizationHeaders.isEmpty, "the other origin never does")
    }

    @Test("the same redirect is refused for a request that keeps to its origin")
    func sameOriginOnly() async throws {
        let media = try RecordingServer { _ in .text(200, "secret-free") }
        let site = try RecordingServer { _ in RecordingServer.redirect(302, to: media.url + "/file/1") }
        let folder = TemporaryDirectory("tributary-download")
        await #expect(throws: HTTPError.self) {
            _ = try await Self.client().download(
                HTTPRequest(url: try #require(URL(string: site.url + "/a"))), to: folder.file("x"), maxBytes: 1000,
                seconds: 5)
        }
        #expect(media.requests.isEmpty)
    }

    @Test("a body past the file limit stops the transfer with tooLarge, declared or not")
    func fileLimit() async throws {
        let big = Data(repeating: 7, count: 200_000)
        let server = try RecordingServer { request in
            var response = SandboxResponse(status: 200, body: big)
            if request.path == "/undeclared" { response.pacing = .trickle(bytes: 50_000, interval: 0.01) }
            return response
        }
        let folder = TemporaryDirectory("tributary-download")
        for path in ["/declared", "/undeclared"] {
            do {
                _ = try await Self.client().download(
                    HTTPRequest(url: try #require(URL(string: server.url + path))), to: folder.file("big"),
                    maxBytes: 100_000, seconds: 5)
                Issue.record("\(path): a body over the limit was accepted")
            } catch let error as HTTPError {
                guard case .tooLarge = error else {
                    Issue.record("\(path): expected tooLarge, got \(error)")
                    continue
                }
            } catch {
                Issue.record("\(path): expected HTTPError, got \(error)")
            }
        }
    }

    @Test("a retried download starts the file again: no bytes of the failed attempt remain")
    func retryRestarts() async throws {
        let attempts = Locked(0)
        let body = Data("the whole file\n".utf8)
        let server = try RecordingServer { _ in
            let attempt = attempts.update { value -> Int in
                value += 1
                return value
            }
            return attempt == 1
                ? SandboxResponse(status: 503, body: Data("busy".utf8)) : SandboxResponse(status: 200, body: body)
        }
        let folder = TemporaryDirectory("tributary-download")
        let path = folder.file("file")
        try Data("stale bytes from before".utf8).write(to: URL(fileURLWithPath: path))
        _ = try await Self.client().download(
            HTTPRequest(url: try #require(URL(string: server.url + "/f"))), to: path, maxBytes: 1000, seconds: 5)
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == body)
        #expect(attempts.value == 2)
    }
}
