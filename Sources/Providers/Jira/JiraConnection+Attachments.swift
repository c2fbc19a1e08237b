import Foundation
import ImportCore

extension JiraConnection {
    /// Streams an attachment's content to `path`. The request goes to the site's own
    /// `attachment/content/{id}` (through the gateway for scoped tokens), never to a URL a record
    /// named; Jira Cloud redirects it to its media host, which is followed without the credentials.
    public func downloadAttachment(
        externalID: String, contentURL: String?, to path: String, maxBytes: Int, seconds: Double
    ) async throws -> Int {
        let route = try await resolveRoute()
        let request = HTTPRequest(
            url: try route.url("attachment/content/\(JiraRoute.segment(externalID))"),
            headers: ["Accept": "*/*"], redirects: .anyOriginWithoutCredentials)
        do {
            _ = try await client.download(request, to: path, maxBytes: maxBytes, seconds: seconds)
        } catch {
            throw JiraErrors.from(error, context: "downloading attachment \(externalID)").redacted(by: client.redactor)
        }
        return (try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? Int ?? 0
    }
}
