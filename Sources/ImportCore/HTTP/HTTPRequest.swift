import Foundation

/// Where a request may follow a redirect. Every hop is checked against `URLPolicy` and an HTTPS
/// request is never redirected to plain HTTP, whatever the rule.
public enum RedirectRule: Sendable, Hashable {
    /// Redirects are not followed: a 3xx answer is an error.
    case never
    /// Redirects within the request's origin (scheme, host and port) are followed with the
    /// credentials; a redirect to any other origin is refused. API calls use this.
    case sameOrigin
    /// Redirects to other origins are followed without the credentials (file content that a source
    /// serves from a media host, such as Jira Cloud's attachment downloads).
    case anyOriginWithoutCredentials
}

/// An HTTP request as providers build it.
public struct HTTPRequest: Sendable {
    public var method: String
    public var url: URL
    /// Header names as given; `Authorization` is added by the client from the credentials.
    public var headers: [String: String]
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
