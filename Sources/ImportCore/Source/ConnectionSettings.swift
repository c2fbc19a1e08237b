import Foundation

/// Where and as whom a connection talks to a source.
public struct ConnectionSettings: Sendable {
    /// The site or API root, normalised (scheme and host lower-cased, no trailing slash).
    public let baseURL: URL
    /// The secret to present, decrypted for this connection only.
    public let credentials: Credentials
    /// Site, limits and the provider's stored settings.
    public let options: ConnectionOptions
    /// Receives one redacted line per HTTP request (method, path, status, duration), for `--verbose`.
    public let requestLog: HTTPClient.Logger?

    /// Validates and normalises `baseURL` (see `URLPolicy`).
    public init(
        baseURL: String, credentials: Credentials, options: ConnectionOptions = .init(),
        requestLog: HTTPClient.Logger? = nil
    ) throws(URLPolicyError) {
        self.baseURL = try URLPolicy.normalizedBaseURL(baseURL)
        self.credentials = credentials
        self.options = options
        self.requestLog = requestLog
    }
}
