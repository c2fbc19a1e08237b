import Foundation

extension HTTPTransport {
    /// Sends `request` once and writes a 2xx body to the file at `path` (other bodies stay in the
    /// response, for their error messages). Transports that cannot stream write the body they
    /// received; the real one streams it to disk, so memory stays flat whatever the file's size.
    public func download(_ request: HTTPRequest, to path: String, limits: TransportLimits) async throws
        -> HTTPResponse
    {
        let response = try await send(request, limits: limits)
        guard (200..<300).contains(response.status) else { return response }
        try response.body.write(to: URL(fileURLWithPath: path))
        return HTTPResponse(status: response.status, headers: response.headers, body: Data(), url: response.url)
    }
}
