import Foundation

/// An HTTP response: status, headers (names lower-cased) and body.
public struct HTTPResponse: Sendable {
    /// The HTTP status.
    public let status: Int
    /// Headers, names lower-cased.
    public let headers: [String: String]
    /// The body, decompressed and within the size cap.
    public let body: Data
    /// The URL that answered (after redirects).
    public let url: URL

    /// A response as received.
    public init(status: Int, headers: [String: String], body: Data, url: URL) {
        self.status = status
        self.headers = headers
        self.body = body
        self.url = url
    }

    /// The value of header `name`, case-insensitively.
    public func header(_ name: String) -> String? { headers[name.lowercased()] }
}
