import Foundation

extension HTTPTransport {
    /// Sends `request` once and writes a 2xx body into `file` (other bodies stay in the response, for
    /// their error messages). Transports that cannot stream write the body they received; the real
    /// one streams it chunk by chunk, so memory stays flat whatever the file's size.
    public func download(_ request: HTTPRequest, into file: FileHandle, limits: TransportLimits) async throws
        -> HTTPResponse
    {
        let response = try await send(request, limits: limits)
        guard (200..<300).contains(response.status) else { return response }
        try file.write(contentsOf: response.body)
        return HTTPResponse(status: response.status, headers: response.headers, body: Data(), url: response.url)
    }
}
