import Foundation
import ImportCore

// Attachment content as Jira serves it: Cloud answers `/attachment/content/{id}` with a redirect to
// its media host (another origin: here a second loopback server on its own port), which must never
// see the site's credentials; Data Center sends the bytes itself.
extension JiraSandbox {
    /// The attachment `id` of a visible issue, with its size.
    func attachment(_ id: Int) -> WorkItem.Child? {
        state.withLock { state in
            for issue in state.world.issues.values where !issue.isArchived {
                if let child = issue.attachments.first(where: { $0.id == id }) { return child }
            }
            return nil
        }
    }

    func attachmentContent(_ idText: String) -> SandboxResponse {
        guard let id = Int(idText), let child = attachment(id) else {
            return .json(404, errorCollection(["The attachment with id '\(idText)' does not exist"]))
        }
        guard config.deployment == .cloud else { return Self.file(child) }
        return SandboxResponse(
            status: 303, headers: ["Location": "\(media.baseURL)/file/\(id)?token=media-\(id)-\(child.size)"])
    }

    /// What the media host answers: the bytes, to anyone holding the short-lived link.
    func mediaAnswer(_ request: SandboxRequest) -> SandboxResponse {
        let parts = request.path.split(separator: "/")
        mediaRequests.withLock { $0.append((parts.last.map(String.init) ?? "", request.header("Authorization"))) }
        guard parts.count == 2, parts[0] == "file", let id = Int(parts[1]), let child = attachment(id),
            request.query["token"] == "media-\(id)-\(child.size)"
        else { return .text(404, "no such file") }
        var response = Self.file(child)
        let delay = mediaDelay.withLock { $0 }
        if delay > 0 { response.pacing = .stallBeforeHeaders(seconds: delay) }
        return response
    }

    static func file(_ child: WorkItem.Child) -> SandboxResponse {
        SandboxResponse(
            status: 200, headers: ["Content-Type": child.mimeType],
            body: Data(AttachmentBytes.content(id: child.id, size: child.size)))
    }

    /// Every request the media host received: the file asked for and its `Authorization` header
    /// (`nil`: none was sent).
    public var mediaRequestLog: [(file: String, authorization: String?)] { mediaRequests.withLock { $0 } }

    /// Makes the media host wait `seconds` before each answer (0: at once).
    public func setMediaDelay(_ seconds: Double) { mediaDelay.withLock { $0 = seconds } }

    /// Every attachment of the visible issues: id, size and the SHA-256 of its content.
    public var attachmentFacts: [(id: String, size: Int, sha256: String)] {
        state.withLock { state in
            state.world.issues.values.filter { !$0.isArchived }.flatMap(\.attachments).map {
                (String($0.id), $0.size, AttachmentBytes.digest(id: $0.id, size: $0.size))
            }
        }
    }
}
