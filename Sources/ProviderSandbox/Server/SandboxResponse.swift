import Foundation

/// A response the sandbox sends.
public struct SandboxResponse: Sendable {
    /// How the bytes go out: at once, or the way a slow or stalling server sends them.
    public enum Pacing: Sendable, Hashable {
        case immediate
        /// Nothing is sent for `seconds`, then the whole response.
        case stallBeforeHeaders(seconds: Double)
        /// The headers at once, then the body `bytes` at a time with `interval` seconds between.
        case trickle(bytes: Int, interval: Double)
    }

    /// The HTTP status.
    public var status: Int
    /// Headers to send.
    public var headers: [String: String]
    /// The body.
    public var body: Data
    /// How the bytes go out.
    public var pacing: Pacing

    /// A response.
    public init(status: Int, headers: [String: String] = [:], body: Data = Data(), pacing: Pacing = .immediate) {
        self.status = status
        self.headers = headers
        self.body = body
        self.pacing = pacing
    }

    /// A JSON response from text.
    public static func json(_ status: Int, _ text: String, headers: [String: String] = [:]) -> SandboxResponse {
        var all = headers
        all["Content-Type"] = "application/json;charset=UTF-8"
        return SandboxResponse(status: status, headers: all, body: Data(text.utf8))
    }

    /// A JSON response from bytes (not validated: hostile answers).
    public static func json(_ status: Int, bytes: [UInt8]) -> SandboxResponse {
        SandboxResponse(status: status, headers: ["Content-Type": "application/json;charset=UTF-8"], body: Data(bytes))
    }

    /// A text response of `contentType`.
    public static func text(_ status: Int, _ text: String, contentType: String = "text/plain;charset=UTF-8")
        -> SandboxResponse
    {
        SandboxResponse(status: status, headers: ["Content-Type": contentType], body: Data(text.utf8))
    }

    static func reason(_ status: Int) -> String {
        switch status {
        case 200: return "OK"
        case 201: return "Created"
        case 204: return "No Content"
        case 301: return "Moved Permanently"
        case 302: return "Found"
        case 303: return "See Other"
        case 307: return "Temporary Redirect"
        case 308: return "Permanent Redirect"
        case 400: return "Bad Request"
        case 401: return "Unauthorized"
        case 403: return "Forbidden"
        case 404: return "Not Found"
        case 405: return "Method Not Allowed"
        case 410: return "Gone"
        case 429: return "Too Many Requests"
        case 500: return "Internal Server Error"
        case 502: return "Bad Gateway"
        case 503: return "Service Unavailable"
        case 504: return "Gateway Timeout"
        default: return "Status"
        }
    }
}
