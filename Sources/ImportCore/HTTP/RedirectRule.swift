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
