import Foundation
import ImportCore

// One issue and its children (comments, worklogs, changelog) by id or key.
extension JiraSandbox {
    func record(_ idOrKey: String) -> Result<WorkItem, SandboxResponse> {
        state.withLock { state in
            refreshIndex(&state)
            let id = Int(idOrKey) ?? state.index.byKey[idOrKey.uppercased()]
            guard let id, let issue = state.world.issues[id], !issue.isArchived else {
                return .failure(
                    .json(404, errorCollection(["Issue does not exist or you do not have permission to see it."])))
            }
            if config.forbiddenProjects.contains(projects.key(issue.project)) {
                return .failure(
                    .json(403, errorCollection(["You do not have the permission to see the specified issue."])))
            }
            return .success(issue)
        }
    }

    func issue(_ idOrKey: String, request: SandboxRequest, renderer: JiraRenderer) -> SandboxResponse {
        switch record(idOrKey) {
        case .failure(let response): return response
        case .success(let issue):
            var out: [UInt8] = []
            _ = renderIssues(
                [issue.id], selection: FieldSelection.parse(request.query["fields"].map { [$0] } ?? [], default: .all),
                renderer: renderer, into: &out, order: [],
                histories: embeddedHistories(Self.expansions([request.query["expand"] ?? ""])))
            return .json(200, bytes: out)
        }
    }

    /// Cloud's `GET /issue/{id}/changelog`: histories oldest first, 100 a page at most.
    func changelog(_ idOrKey: String, request: SandboxRequest, renderer: JiraRenderer) -> SandboxResponse {
        switch record(idOrKey) {
        case .failure(let response): return response
        case .success(let issue):
            let histories = renderer.histories(issue)
            let start = max(0, Int(request.query["startAt"] ?? "0") ?? 0)
            let limit = max(1, min(100, Int(request.query["maxResults"] ?? "100") ?? 100))
            let slice = Array(histories.dropFirst(start).prefix(limit))
            let page: JSONValue = [
                "self": .string(
                    "\(renderer.base)/rest/api/3/issue/\(issue.id)/changelog?maxResults=\(limit)&startAt=\(start)"),
                "maxResults": .number(Double(limit)), "startAt": .number(Double(start)),
                "total": .number(Double(histories.count)), "isLast": .bool(start + slice.count >= histories.count),
                "values": .array(slice),
            ]
            return .json(200, page.jsonText)
        }
    }

    func children(_ idOrKey: String, kind: String, request: SandboxRequest, renderer: JiraRenderer)
        -> SandboxResponse
    {
        switch record(idOrKey) {
        case .failure(let response): return response
        case .success(let issue):
            let all = kind == "comments" ? issue.comments : issue.worklogs
            let start = max(0, Int(request.query["startAt"] ?? "0") ?? 0)
            let defaultLimit = kind == "comments" ? 50 : 5000
            let limit = max(
                1,
                min(
                    kind == "comments" ? 100 : 5000,
                    Int(request.query["maxResults"] ?? "\(defaultLimit)") ?? defaultLimit))
            let slice = all.dropFirst(start).prefix(limit).map {
                kind == "comments" ? renderer.comment($0, issueID: issue.id) : renderer.worklog($0, issueID: issue.id)
            }
            var page = renderer.page(kind, Array(slice), total: all.count, startAt: start)
            if case .object(var object) = page {
                object["maxResults"] = .number(Double(limit))
                page = .object(object)
            }
            return .json(200, page.jsonText)
        }
    }
}
