import ImportCore

/// The listener's answer to one request: a status and a short JSON body.
struct OutgoingResponse: Sendable, Equatable {
    let status: Int
    let body: String
    /// Extra headers (`Retry-After`).
    var headers: [String: String] = [:]

    /// `{"message": text}` with `status`.
    static func message(_ status: Int, _ text: String, headers: [String: String] = [:]) -> OutgoingResponse {
        OutgoingResponse(status: status, body: JSONValue.object(["message": .string(text)]).jsonText, headers: headers)
    }

    /// The bytes sent: status line, headers, body; the connection closes after it.
    var bytes: [UInt8] {
        let reasons = [
            200: "OK", 202: "Accepted", 400: "Bad Request", 401: "Unauthorized", 404: "Not Found",
            405: "Method Not Allowed", 408: "Request Timeout", 411: "Length Required", 413: "Content Too Large",
            431: "Request Header Fields Too Large", 503: "Service Unavailable",
        ]
        var head = "HTTP/1.1 \(status) \(reasons[status] ?? "Status")\r\n"
        head += "Content-Type: application/json\r\nContent-Length: \(body.utf8.count)\r\nConnection: close\r\n"
        for (name, value) in headers.sorted(by: { $0.key < $1.key }) { head += "\(name): \(value)\r\n" }
        return Array((head + "\r\n" + body).utf8)
    }
}
