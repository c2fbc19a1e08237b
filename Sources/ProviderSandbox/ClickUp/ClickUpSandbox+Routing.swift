import Foundation
import ImportCore

// The emulator behind the shared routing (SandboxFacade+Routing): ClickUp's REST paths under /api/v2.
extension ClickUpSandbox {
    /// Tasks a listing page holds: ClickUp serves 100 whatever the query asks.
    static let pageSize = 100
    /// Comments a comment call returns: ClickUp's 25, newest first.
    static let commentPageSize = 25

    /// ClickUp's answer to `request`, with its rate-limit headers.
    func emulate(_ request: SandboxRequest) -> SandboxResponse {
        if request.path.hasPrefix("/attachments/") { return download(request) }
        let prefix = "/api/v2/"
        guard request.path.hasPrefix(prefix) else { return Self.error(404, "Route not found", code: "APP_001") }
        let parts = request.path.dropFirst(prefix.count).split(separator: "/").map(String.init)
        let endpoint = parts.enumerated().map { $0.offset % 2 == 1 ? "{id}" : $0.element }
        state.withLock { $0.hits["\(request.method) /\(endpoint.joined(separator: "/"))", default: 0] += 1 }
        if let refusal = authenticationRefusal(request) { return refusal }
        let (refusal, headers) = spendMinuteBudget()
        if let refusal { return refusal }
        var response = answer(request, parts: parts)
        for (name, value) in headers { response.headers[name] = value }
        // Dated by the sandbox's clock: the world's mutations are stamped at least a second apart,
        // so its clock may run ahead of this machine's (the last mutation's second, rounded up).
        let clock = state.withLock { $0.world.clock }
        response.headers["Date"] = HTTPDate.format(
            max(Date(), Date(timeIntervalSince1970: Double((clock + 999) / 1000))))
        return response
    }

    func answer(_ request: SandboxRequest, parts: [String]) -> SandboxResponse {
        guard request.method == "GET" else { return Self.error(404, "Route not found", code: "APP_001") }
        let documents = documents()
        let markdown = request.query["include_markdown_description"] == "true"
        switch (parts.count, parts.first ?? "", parts.last ?? "") {
        case (1, "user", _): return Self.json(["user": documents.me])
        case (1, "team", _): return Self.json(["teams": [documents.team]])
        case (3, "team", "space"):
            guard parts[1] == ClickUpDocuments.teamID else {
                return Self.error(401, "Team not authorized", code: "OAUTH_027")
            }
            return Self.json(["spaces": request.query["archived"] == "true" ? [] : [documents.space]])
        case (3, "space", "folder"):
            guard parts[1] == ClickUpDocuments.spaceID else {
                return Self.error(404, "Space not found", code: "PROJ_001")
            }
            let folders = (0..<documents.world.projectCount).contains(where: ClickUpDocuments.isInFolder)
            return Self.json(["folders": request.query["archived"] == "true" || !folders ? [] : [documents.folder]])
        case (3, "folder", "list"):
            guard parts[1] == ClickUpDocuments.folderID else {
                return Self.error(404, "Folder not found", code: "CAT_001")
            }
            let lists = (0..<documents.world.projectCount).filter(ClickUpDocuments.isInFolder).map(documents.list)
            return Self.json(["lists": request.query["archived"] == "true" ? [] : .array(lists)])
        case (3, "space", "list"):
            guard parts[1] == ClickUpDocuments.spaceID else {
                return Self.error(404, "Space not found", code: "PROJ_001")
            }
            let lists = (0..<documents.world.projectCount).filter { !ClickUpDocuments.isInFolder($0) }.map(
                documents.list)
            return Self.json(["lists": request.query["archived"] == "true" ? [] : .array(lists)])
        case (2, "list", _):
            guard let list = documents.listIndex(id: parts[1]) else { return listNotFound() }
            return SandboxResponse.json(200, documents.list(list).jsonText)
        case (3, "list", "task"):
            guard let list = documents.listIndex(id: parts[1]) else { return listNotFound() }
            return taskListing(list: list, request: request, documents: documents)
        case (2, "task", _):
            guard let item = documents.item(taskID: parts[1]) else { return taskNotFound() }
            let subtasks = request.query["include_subtasks"] == "true"
            return SandboxResponse.json(
                200, documents.task(item, markdown: markdown, detail: true, subtasks: subtasks).jsonText)
        case (3, "task", "comment"):
            guard let item = documents.item(taskID: parts[1]), !item.isArchived else { return taskNotFound() }
            return commentPage(documents.comments(item), request: request)
        case (3, "task", "time"):
            guard let item = documents.item(taskID: parts[1]), !item.isArchived else { return taskNotFound() }
            return Self.json(["data": .array(documents.trackedTime(item))])
        case (3, "comment", "reply"):
            guard let child = ClickUpDocuments.childID(commentID: parts[1]),
                let owner = documents.index.commentOwner[child], let item = documents.world.issues[owner]
            else { return Self.error(404, "Comment not found", code: "COMM_001") }
            return Self.json(["comments": .array(documents.replies(item, root: child))])
        default:
            return Self.error(404, "Route not found", code: "APP_001")
        }
    }

    func listNotFound() -> SandboxResponse { Self.error(404, "List not found", code: "ITEM_013") }
    func taskNotFound() -> SandboxResponse { Self.error(404, "Task not found, deleted", code: "ITEM_013") }

    /// One page of a list's tasks: `page` from 0, 100 a page, `last_page` true on the last; the
    /// filters and order as ClickUp reads them.
    func taskListing(list: Int, request: SandboxRequest, documents: ClickUpDocuments) -> SandboxResponse {
        var filter = ClickUpTaskFilter()
        filter.archived = request.query["archived"] == "true"
        filter.subtasks = request.query["subtasks"] == "true"
        filter.includeClosed = request.query["include_closed"] == "true"
        filter.orderBy = request.query["order_by"] ?? "created"
        filter.reverse = request.query["reverse"] == "true"
        filter.markdown = request.query["include_markdown_description"] == "true"
        for (name, keyPath) in [
            ("date_updated_gt", \ClickUpTaskFilter.updatedAfter), ("date_updated_lt", \.updatedBefore),
        ] {
            guard let text = request.query[name] else { continue }
            guard let value = Int64(text) else {
                return Self.error(400, "\(name) must be a number", code: "INPUT_005")
            }
            filter[keyPath: keyPath] = value
        }
        guard let page = Int(request.query["page"] ?? "0"), page >= 0 else {
            return Self.error(400, "Page must be a positive number", code: "INPUT_005")
        }
        let tasks = documents.tasks(list: list, filter: filter)
        let start = min(tasks.count, page * Self.pageSize)
        let end = min(tasks.count, start + Self.pageSize)
        let rendered = tasks[start..<end].map { documents.task($0, markdown: filter.markdown) }
        return Self.json(["tasks": .array(rendered), "last_page": .bool(end >= tasks.count)])
    }

    /// A page of comments (newest first, 25 a call): the first without `start`, then those older
    /// than the comment `start` (its date) and `start_id` name, both required together.
    func commentPage(_ comments: [JSONValue], request: SandboxRequest) -> SandboxResponse {
        var remaining = comments[...]
        switch (request.query["start"], request.query["start_id"]) {
        case (nil, nil): break
        case (let start?, let id?):
            guard let date = Int64(start) else { return Self.error(400, "start must be a number", code: "INPUT_005") }
            remaining = comments.drop { comment in
                let stamp = comment["date"]?.stringValue.flatMap { Int64($0) } ?? 0
                return stamp > date || (stamp == date && comment["id"]?.stringValue != id)
            }
            if remaining.first?["id"]?.stringValue == id { remaining = remaining.dropFirst() }
        default:
            return Self.error(400, "start and start_id must be sent together", code: "INPUT_005")
        }
        return Self.json(["comments": .array(Array(remaining.prefix(Self.commentPageSize)))])
    }

    /// An attachment's `url`: the file's bytes, without a token (ClickUp's file store serves them
    /// by their unguessable address); the token sent there is recorded for the tests.
    func download(_ request: SandboxRequest) -> SandboxResponse {
        let parts = request.path.split(separator: "/").map(String.init)
        state.withLock { state in
            state.hits["GET /attachments/{id}/{name}", default: 0] += 1
            state.downloads.append((parts.count > 1 ? parts[1] : "", request.header("authorization")))
        }
        let documents = documents()
        guard parts.count == 3, let id = ClickUpDocuments.childID(attachmentID: parts[1]),
            let owner = documents.index.attachmentOwner[id],
            let child = documents.world.issues[owner]?.attachments.first(where: { $0.id == id })
        else { return .text(404, "<Error><Code>NoSuchKey</Code></Error>") }
        return SandboxResponse(
            status: 200, headers: ["Content-Type": child.mimeType],
            body: Data(AttachmentBytes.content(id: child.id, size: child.size)))
    }

    /// A JSON answer.
    static func json(_ object: JSONValue) -> SandboxResponse { .json(200, object.jsonText) }
}
