import Foundation

/// An HTTP request as providers build it.
public struct HTTPRequest: Sendable {
    public var method: String
    public var url: URL
    /// Header names as given; `Authorization` is added by the client from the credentials.
    public var headers: [String: String]
    public var body: Data?

    public init(method: String = "GET", url: URL, headers: [String: String] = [:], body: Data? = nil) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
    }
}

/// An HTTP response: status, headers (names lower-cased) and body.
public struct HTTPResponse: Sendable {
    public let status: Int
    public let headers: [String: String]
    public let body: Data
    /// The URL that answered (after redirects).
    public let url: URL

    public init(status: Int, headers: [String: String], body: Data, url: URL) {
        self.status = status
        self.headers = headers
        self.body = body
        self.url = url
    }

    public func header(_ name: String) -> String? { headers[name.lowercased()] }
}

/// Sends one request attempt. The real one is `URLSessionTransport`; the client adds retries,
/// limits and redaction around it.
public protocol HTTPTransport: Sendable {
    func send(_ request: HTTPRequest, timeout: Double) async throws -> HTTPResponse
}
