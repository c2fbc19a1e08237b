import Foundation
import ImportCore

// The emulator behind the shared routing (SandboxFacade+Routing): Asana's REST paths under /api/1.0.
extension AsanaSandbox {
    /// The most records a page may hold (`limit`).
    static let maxLimit = 100

    /// Asana's answer to `request`, dated by the sandbox's clock: the world's mutations are stamped
    /// at least a second apart, so its clock may run ahead of this machine's, and a client that dates
    /// its pass by the server's `Date` must see the server's time.
    func emulate(_ request: SandboxRequest) -> SandboxResponse {
        var response = answer(request)
        let clock = state.withLock { $0.world.clock }
        // The last mutation's second, rounded up: `Date` has whole seconds, and the next mutation
        // is stamped at least a second after the last.
        let now = max(Date(), Date(timeIntervalSince1970: Double((clock + 999) / 1000)))
        response.headers["Date"] = HTTPDate.format(now)
        return response
    }

    func answer(_ request: SandboxRequest) -> SandboxResponse {
        let prefix = "/api/1.0/"
        if request.path.hasPrefix("/attachments/") { return download(request) }
        guard request.path.hasPrefix(prefix) else {
            return Self.errors(404, ["Not Found"])
        }
        let parts = request.path.dropFirst(prefix.count).split(separator: "/").map(String.init)
        let endpoint = parts.enumerated().map { $0.offset % 2 == 1 && parts[0] != "users" ? "{gid}" : $0.element }
        state.withLock { $0.hits["\(request.method) /\(endpoint.joined(separator: "/"))", default: 0] += 1 }
        guard isAuthenticated(request) else { return Self.errors(401, ["Not Authorized"]) }
        if let refusal = spendMinuteBudget() { return refusal }
        guard request.method == "GET" else { return Self.errors(404, ["Not Found"]) }
        let documents = documents()
        switch parts.count {
        case 2 where parts == ["users", "me"]:
            return Self.data(documents.me)
        case 1 where parts[0] == "workspaces":
            return Self.data(.array([documents.workspace]))
        case 3 where parts[0] == "workspaces" && parts[2] == "projects":
            guard parts[1] == AsanaDocuments.workspaceGID else {
                return Self.errors(404, ["workspace: Unknown object: \(parts[1])"])
            }
            return page(documents.projects, request: request, path: request.path)
        case 3 where parts[0] == "workspaces" && parts[2] == "users":
            guard parts[1] == AsanaDocuments.workspaceGID else {
                return Self.errors(404, ["workspace: Unknown object: \(parts[1])"])
            }
            let fields = AsanaFieldSelection(request.query["opt_fields"])
            return page(documents.users(fields: fields), request: request, path: request.path)
        case 3 where parts[0] == "projects" && parts[2] == "tasks":
            // Asana's project listing has no modified_since (GET /tasks does): it is ignored here.
            return taskListing(project: parts[1], honoursModifiedSince: false, request: request, documents: documents)
        case 1 where parts[0] == "tasks":
            guard let gid = request.query["project"] else {
                return Self.errors(
                    400, ["Must specify exactly one of project, tag, section, user task list, or assignee + workspace"])
            }
            return taskListing(project: gid, honoursModifiedSince: true, request: request, documents: documents)
        case 1 where parts[0] == "attachments":
            guard let parent = request.query["parent"] else {
                return Self.errors(400, ["parent: Missing input"])
            }
            guard let item = documents.item(taskGID: parent) else {
                return Self.errors(404, ["parent: Unknown object: \(parent)"])
            }
            let fields = AsanaFieldSelection(request.query["opt_fields"])
            return page(
                documents.attachments(item, fields: fields, base: baseURL, now: Date()), request: request,
                path: request.path)
        case 2 where parts[0] == "attachments":
            guard let item = documents.item(attachmentGID: parts[1]) else {
                return Self.errors(404, ["attachment: Unknown object: \(parts[1])"])
            }
            let fields = AsanaFieldSelection(request.query["opt_fields"])
            let all = documents.attachments(item, fields: fields, base: baseURL, now: Date())
            return Self.data(all.first { $0["gid"]?.stringValue == parts[1] } ?? .null)
        case 2 where parts[0] == "tasks", 3 where parts[0] == "tasks":
            guard let item = documents.item(taskGID: parts[1]) else {
                return Self.errors(404, ["task: Unknown object: \(parts[1])"])
            }
            let fields = AsanaFieldSelection(request.query["opt_fields"])
            switch parts.count == 3 ? parts[2] : "" {
            case "": return Self.data(documents.task(item, fields: fields))
            case "stories": return page(documents.stories(item, fields: fields), request: request, path: request.path)
            case "subtasks":
                return page(documents.subtasks(of: item), request: request, path: request.path) {
                    documents.task($0, fields: fields)
                }
            default: return Self.errors(404, ["Not Found"])
            }
        default:
            return Self.errors(404, ["Not Found"])
        }
    }

    /// A `download_url`: the file's bytes while the link is valid, with no token (Asana's are
    /// pre-signed links to its file store); a stale link is refused as the store refuses it.
    func download(_ request: SandboxRequest) -> SandboxResponse {
        let parts = request.path.split(separator: "/")
        state.withLock { state in
            state.hits["GET /attachments/{gid}/download", default: 0] += 1
            state.downloads.append((parts.count > 1 ? String(parts[1]) : "", request.header("authorization")))
        }
        guard parts.count == 3, parts[2] == "download", let number = Int64(parts[1]),
            let id = Int(exactly: number - 1_900_000_000_000),
            let child = documents().item(attachmentGID: String(number))?.attachments.first(where: { $0.id == id })
        else { return .text(404, "NoSuchKey") }
        guard let expires = request.query["expires"].flatMap({ Double($0) }),
            expires >= Date().timeIntervalSince1970
        else { return .text(403, "AccessDenied: Request has expired") }
        return SandboxResponse(
            status: 200, headers: ["Content-Type": child.mimeType],
            body: Data(AttachmentBytes.content(id: child.id, size: child.size)))
    }

    /// One page of project `gid`'s tasks, filtered by `completed_since` and, where the endpoint has
    /// it, `modified_since`; Asana's 404 and 400s for an unknown project or a bad date.
    func taskListing(
        project gid: String, honoursModifiedSince: Bool, request: SandboxRequest, documents: AsanaDocuments
    )
        -> SandboxResponse
    {
        guard let project = documents.projectIndex(gid: gid) else {
            return Self.errors(404, ["project: Unknown object: \(gid)"])
        }
        var since: Int64?
        if honoursModifiedSince, let text = request.query["modified_since"] {
            guard let stamp = Timestamp.parse(text) else {
                return Self.errors(400, ["modified_since: Not a valid date or time: \(text)"])
            }
            since = stamp.millisecondsSince1970
        }
        guard let completed = completedSince(request) else {
            return Self.errors(
                400, ["completed_since: Not a valid date or time: \(request.query["completed_since"] ?? "")"])
        }
        let fields = AsanaFieldSelection(request.query["opt_fields"])
        let tasks = documents.tasks(project: project, modifiedSince: since, completedSince: completed)
        return page(tasks, request: request, path: request.path) { documents.task($0, fields: fields) }
    }

    /// The request's `completed_since` in milliseconds (`now` is the present), `.some(nil)` when
    /// it has none, and `nil` when it is not a date.
    func completedSince(_ request: SandboxRequest) -> Int64?? {
        guard let text = request.query["completed_since"] else { return .some(nil) }
        if text == "now" { return Int64(Date().timeIntervalSince1970 * 1000) }
        return Timestamp.parse(text).map { $0.millisecondsSince1970 }
    }

    /// `{"data": value}`.
    static func data(_ value: JSONValue) -> SandboxResponse {
        .json(200, JSONValue.object(["data": value]).jsonText)
    }

    /// One page of `records` as Asana pages a collection: `limit` (1–100) records from the position
    /// `offset` names, and `next_page` with the offset of the rest (`null` on the last page). Without
    /// a limit, a collection larger than a page is refused, as Asana refuses it.
    func page(_ records: [JSONValue], request: SandboxRequest, path: String) -> SandboxResponse {
        page(records, request: request, path: path) { $0 }
    }

    /// `page` over `items`, rendering only the page's own (a listing of thousands renders a hundred).
    func page<Item>(_ records: [Item], request: SandboxRequest, path: String, render: (Item) -> JSONValue)
        -> SandboxResponse
    {
        var limit = records.count
        if let text = request.query["limit"] {
            guard let value = Int(text), (1...Self.maxLimit).contains(value) else {
                return Self.errors(400, ["limit: Must be between 1 and \(Self.maxLimit), but was \(text)"])
            }
            limit = value
        } else if records.count > Self.maxLimit {
            return Self.errors(
                400, ["The result is too large. You should use pagination (may require specifying a workspace)!"])
        }
        let query = queryKey(request, path: path)
        var start = 0
        if let offset = request.query["offset"] {
            guard let position = AsanaOffset(token: offset), position.query == query else {
                return Self.errors(400, ["offset: Invalid offset: \(offset.prefix(40))"])
            }
            guard Date().timeIntervalSince1970 - position.issuedAt < Double(config.offsetLifetimeSeconds) else {
                return Self.errors(400, ["offset: This offset has expired. Please start the request again."])
            }
            start = min(position.index, records.count)
        }
        let end = min(records.count, start + limit)
        var answer: [String: JSONValue] = ["data": .array(records[start..<end].map(render)), "next_page": .null]
        if end < records.count {
            let token = AsanaOffset(query: query, index: end, issuedAt: Date().timeIntervalSince1970).token
            let next = "\(path.dropFirst("/api/1.0".count))?limit=\(limit)&offset=\(token)"
            answer["next_page"] = [
                "offset": .string(token), "path": .string(next), "uri": .string("\(baseURL)/api/1.0\(next)"),
            ]
        }
        return .json(200, JSONValue.object(answer).jsonText)
    }

    /// What an offset is bound to: the path and the parameters other than the page's own.
    func queryKey(_ request: SandboxRequest, path: String) -> String {
        let parameters = request.query.filter { !["offset", "limit"].contains($0.key) }.sorted { $0.key < $1.key }
        return String(
            SHA256.hex(path + "?" + parameters.map { "\($0.key)=\($0.value)" }.joined(separator: "&")).prefix(16))
    }
}
