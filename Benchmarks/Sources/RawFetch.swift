import Foundation
import ImportCore

/// The physical bound: paging through every issue with the same search, fields and page size as an
/// import, with a minimal sequential client that only parses each page to find the next token.
enum RawFetch {
    static func run(
        site: String, credentials: Credentials, jql: String, fields: [String], pageSize: Int, dataCenter: Bool = false
    ) async throws -> (seconds: Double, requests: Int, issues: Int) {
        let transport = URLSessionTransport(maxConnectionsPerHost: 1)
        // Cloud pages by token (`search/jql`), Data Center by offset (`search`, startAt and total).
        let url = URL(string: "\(site)/rest/api/\(dataCenter ? "2/search" : "3/search/jql")")!
        var token: String?
        var startAt = 0
        var more = true
        var requests = 0
        var issues = 0
        let started = Date()
        while more {
            var body: [String: JSONValue] = [
                "jql": .string(jql), "fields": .array(fields.map(JSONValue.string)),
                "maxResults": .number(Double(pageSize)),
            ]
            if let token { body["nextPageToken"] = .string(token) }
            if dataCenter { body["startAt"] = .number(Double(startAt)) }
            let request = HTTPRequest(
                method: "POST", url: url,
                headers: [
                    "Authorization": credentials.authorizationHeader(), "Content-Type": "application/json",
                    "Accept": "application/json",
                ],
                body: JSONWriter().data(.object(body)))
            let response = try await transport.send(
                request, limits: TransportLimits(timeout: 60, maxBodyBytes: 1 << 30))
            guard response.status == 200 else { throw BenchError("raw fetch got HTTP \(response.status)") }
            let page = try JSONParser.parse(response.body)
            requests += 1
            let count = page["issues"]?.arrayValue?.count ?? 0
            issues += count
            if dataCenter {
                startAt += count
                more = count > 0 && startAt < (page["total"]?.intValue ?? 0)
            } else {
                token = (page["isLast"]?.boolValue ?? true) ? nil : page["nextPageToken"]?.stringValue
                more = token != nil
            }
        }
        return (Date().timeIntervalSince(started), requests, issues)
    }
}
