import Foundation

/// An HTTP request as providers build it.
public struct HTTPRequest: Sendable {
    /// `GET`, `POST`, ….
    public var method: String
    /// Where it goes (checked against the connection's origin before sending).
    public var url: URL
    /// Header names as given; `Authorization` is added by the client from the credentials.
    public var headers: [String: String]
    /// The body, if any.
    public var body: Data?
    /// Which redirects the client follows for this request.
    public var redirects: RedirectRule

    /// A request to `url`; API calls follow redirects within their origin only.
    public init(
        method: String = "GET", url: URL, headers: [String: String] = [:], body: Data? = nil,
        redirects: RedirectRule = .sameOrigin
    ) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
        self.redirects = redirects
    }
}
