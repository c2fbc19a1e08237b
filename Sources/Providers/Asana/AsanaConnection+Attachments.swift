import Foundation
import ImportCore

extension AsanaConnection {
    /// Streams an attachment's content to `path`. Asana's `download_url` lasts minutes, so it is
    /// never stored: a fresh one is asked for (`GET /attachments/{gid}`) and fetched at once,
    /// without the token (it is a pre-signed link to Asana's file store, another origin).
    /// Attachments hosted elsewhere (Google Drive, Dropbox…) have no download URL: they stay links.
    public func downloadAttachment(
        externalID: String, contentURL: String?, to path: String, maxBytes: Int, seconds: Double
    ) async throws -> Int {
        guard Self.isGID(externalID) else {
            throw AsanaErrors.malformed(context: "downloading an attachment", detail: "\(externalID) is not a gid")
        }
        let context = "downloading attachment \(externalID)"
        let answer = try await get(
            "attachments/\(externalID)", query: [("opt_fields", "download_url,host,name")], context: context)
        guard let link = answer["data"]?["download_url"]?.stringValue, let url = URL(string: link) else {
            throw ProviderError.notSupported(
                provider: AsanaProvider.id,
                part:
                    "content of attachment \(externalID) (hosted by \(answer["data"]?["host"]?.stringValue ?? "another service"))"
            )
        }
        do {
            _ = try await client.download(
                HTTPRequest(url: url, headers: ["Accept": "*/*"], redirects: .anyOriginWithoutCredentials), to: path,
                maxBytes: maxBytes, seconds: seconds, authenticate: false)
        } catch {
            throw AsanaErrors.from(error, context: context).redacted(by: client.redactor)
        }
        return (try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? Int ?? 0
    }
}
