import Foundation

/// One HTTP request as the webhook listener read it: bounded, whole, never trusted.
struct IncomingRequest: Sendable {
    /// `POST`, …
    let method: String
    /// The path, without the query.
    let path: String
    /// Header names lower-cased; a repeated header keeps its last value.
    let headers: [String: String]
    /// The body, exactly `Content-Length` bytes.
    let body: [UInt8]

    /// Why a request could not be read, as the status the sender gets.
    struct Refusal: Error, Equatable {
        let status: Int
        let reason: String
    }

    /// Parses the head (request line and headers, without the blank line that ends them).
    static func head(_ bytes: ArraySlice<UInt8>) throws(Refusal) -> (
        method: String, path: String, headers: [String: String]
    ) {
        guard let text = String(bytes: bytes, encoding: .utf8) else {
            throw Refusal(status: 400, reason: "the request head is not UTF-8")
        }
        var lines = text.components(separatedBy: "\r\n")
        let requestLine = lines.removeFirst().split(separator: " ", omittingEmptySubsequences: true)
        guard requestLine.count == 3, requestLine[2].hasPrefix("HTTP/1.") else {
            throw Refusal(status: 400, reason: "not an HTTP/1.x request line")
        }
        guard lines.count <= 100 else { throw Refusal(status: 431, reason: "more than 100 headers") }
        var headers: [String: String] = [:]
        for line in lines where !line.isEmpty {
            guard let colon = line.firstIndex(of: ":") else {
                throw Refusal(status: 400, reason: "a header without a colon")
            }
            let name = line[..<colon].trimmingCharacters(in: .whitespaces).lowercased()
            guard !name.isEmpty, !name.contains(" ") else {
                throw Refusal(status: 400, reason: "a malformed header name")
            }
            headers[name] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        let target = String(requestLine[1])
        let path = target.split(separator: "?", maxSplits: 1).first.map(String.init) ?? target
        return (String(requestLine[0]), path, headers)
    }
}
