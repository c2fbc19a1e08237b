import Foundation
import ImportCore

extension ClickUpConnection {
    /// Streams an attachment's content to `path` from the `url` its task listed. ClickUp serves
    /// attachments from its file store (another origin) by their unguessable address, so the
    /// token is never sent there.
    public func downloadAttachment(
        externalID: String, contentURL: String?, to path: String, maxBytes: Int, seconds: Double
    ) async throws -> Int {
        guard let link = contentURL, let url = URL(string: link), ["http", "https"].contains(url.scheme ?? "") else {
            throw ProviderError.notSupported(
                provider: ClickUpProvider.id, part: "content of attachment \(externalID) (no file address)")
        }
        do {
            _ = try await client.download(
                HTTPRequest(url: url, headers: ["Accept": "*/*"], redirects: .anyOriginWithoutCredentials), to: path,
                maxBytes: maxBytes, seconds: seconds, authenticate: false)
        } catch {
            throw ClickUpErrors.from(error, context: "downloading attachment \(externalID)").redacted(
                by: client.redactor)
        }
        return (try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? Int ?? 0
    }
}
