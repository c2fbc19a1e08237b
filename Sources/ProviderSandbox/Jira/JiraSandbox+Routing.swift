import Foundation
import ImportCore

// The emulator behind the shared routing (SandboxFacade+Routing): the gateway prefix, then one endpoint.
extension JiraSandbox {
    func emulate(_ request: SandboxRequest) -> SandboxResponse {
        var path = request.path
        var viaGateway = false
        if path.hasPrefix("/ex/jira/") {
            let rest = path.dropFirst("/ex/jira/".count)
            let id = rest.prefix(while: { $0 != "/" })
            guard config.deployment == .cloud, id == cloudID else {
                return .json(404, #"{"code":404,"message":"Not Found"}"#)
            }
            path = String(rest.dropFirst(id.count))
            viaGateway = true
        }
        let endpointName =
            "\(request.method) \(path.replacingOccurrences(of: #"/issue/[^/]+/"#, with: "/issue/{id}/", options: .regularExpression))"
        state.withLock { $0.hits[endpointName, default: 0] += 1 }
        if path == "/_edge/tenant_info" {
            guard config.deployment == .cloud else { return notFoundPage() }
            return .json(200, JSONValue.object(["cloudId": .string(cloudID)]).jsonText)
        }
        guard path.hasPrefix("/rest/api/") else { return notFoundPage() }
        let parts = path.dropFirst("/rest/api/".count).split(separator: "/", omittingEmptySubsequences: true).map(
            String.init)
        guard let versionText = parts.first, let version = Int(versionText), version == 2 || version == 3 else {
            return notFoundPage()
        }
        if version == 3 && config.deployment == .dataCenter { return notFoundPage() }
        let route = Array(parts.dropFirst())
        let renderer = makeRenderer(version: version)
        if route == ["serverInfo"] { return serverInfo(renderer) }

        let auth = authenticate(request, viaGateway: viaGateway, isMyself: route == ["myself"])
        switch auth {
        case .rejected(let rejection):
            return rejection
        case .anonymous:
            var response = anonymous(route: route, renderer: renderer)
            response.headers["X-Seraph-LoginReason"] = "AUTHENTICATED_FAILED"
            return response
        case .noReadMe where route == ["myself"]:
            return .json(401, #"{"code":401,"message":"Unauthorized; scope does not match"}"#)
        case .user, .noReadMe:
            break
        }
        let budget = spendBurstBudget(request)
        if let refusal = budget.refusal { return refusal }
        var response = dispatch(request, route: route, renderer: renderer, version: version)
        response.headers.merge(budget.headers) { current, _ in current }
        response.headers["X-Seraph-LoginReason"] = "OK"
        return response
    }

    func dispatch(_ request: SandboxRequest, route: [String], renderer: JiraRenderer, version: Int)
        -> SandboxResponse
    {
        if request.method == "GET", route.count >= 2, route[0] == "issue" {
            switch route.count {
            case 2: return issue(route[1], request: request, renderer: renderer)
            case 3 where route[2] == "comment":
                return children(route[1], kind: "comments", request: request, renderer: renderer)
            case 3 where route[2] == "worklog":
                return children(route[1], kind: "worklogs", request: request, renderer: renderer)
            case 3 where route[2] == "changelog" && config.deployment == .cloud:
                return changelog(route[1], request: request, renderer: renderer)
            default: break
            }
        }
        if request.method == "GET", route.count == 3, route[0] == "attachment", route[1] == "content" {
            return attachmentContent(route[2])
        }
        switch (request.method, route) {
        case ("GET", ["myself"]):
            return .json(200, renderer.myself().jsonText)
        case ("GET", ["project", "search"]) where config.deployment == .cloud:
            return projectSearch(request, renderer: renderer)
        case ("GET", ["project"]):
            return .json(200, JSONValue.array(visibleProjects().map(renderer.project)).jsonText)
        case ("GET", ["search", "jql"]) where config.deployment == .cloud,
            ("POST", ["search", "jql"]) where config.deployment == .cloud:
            return enhancedSearch(request, renderer: renderer)
        case ("POST", ["issue", "bulkfetch"]) where config.deployment == .cloud:
            return bulkFetch(request, renderer: renderer)
        case ("POST", ["changelog", "bulkfetch"]) where config.deployment == .cloud && config.bulkChangelogs:
            return bulkChangelogs(request, renderer: renderer)
        case ("POST", ["search", "approximate-count"]) where config.deployment == .cloud:
            return approximateCount(request)
        case ("GET", ["search"]), ("POST", ["search"]):
            if config.deployment == .cloud {
                return .json(
                    410,
                    errorCollection([
                        "The requested API has been removed. Please migrate to the /rest/api/3/search/jql API. A full migration guideline is available at https://developer.atlassian.com/changelog/#CHANGE-2046"
                    ]))
            }
            return offsetSearch(request, renderer: renderer)
        case ("GET", ["field"]):
            return .json(200, fieldList().jsonText)
        case ("GET", ["status"]):
            return .json(200, JSONValue.array(JiraReferenceData.statuses.indices.map(renderer.status)).jsonText)
        case ("GET", ["statuscategory"]):
            return .json(
                200,
                JSONValue.array(
                    JiraReferenceData.statusCategories.map {
                        [
                            "id": .number(Double($0.id)), "key": .string($0.key), "name": .string($0.name),
                            "colorName": .string($0.color),
                        ]
                    }
                ).jsonText)
        case ("GET", ["priority"]):
            return .json(200, JSONValue.array(JiraReferenceData.priorities.indices.map(renderer.priority)).jsonText)
        case ("GET", ["priority", "search"]) where config.deployment == .cloud:
            return paged(JiraReferenceData.priorities.indices.map(renderer.priority), request: request)
        case ("GET", ["issuetype"]):
            return .json(
                200, JSONValue.array(JiraReferenceData.issueTypes.map { renderer.issueType($0.name) }).jsonText)
        case ("GET", ["resolution"]):
            return .json(200, JSONValue.array(resolutions()).jsonText)
        case ("GET", ["resolution", "search"]) where config.deployment == .cloud:
            return paged(resolutions(), request: request)
        case ("GET", ["projectCategory"]):
            return .json(
                200,
                JSONValue.array(
                    JiraReferenceData.projectCategories.map {
                        ["id": .string($0.id), "name": .string($0.name), "description": ""]
                    }
                )
                .jsonText)
        case ("GET", ["project", "type"]):
            return .json(
                200,
                JSONValue.array(
                    ["software", "business", "service_desk"].map {
                        ["key": .string($0), "formattedKey": .string($0.capitalized)]
                    }
                ).jsonText)
        case ("GET", ["users", "search"]) where config.deployment == .cloud:
            let users = state.withLock { $0.world.users.indices }.map(renderer.user)
            let start = Int(request.query["startAt"] ?? "0") ?? 0
            let limit = min(1000, Int(request.query["maxResults"] ?? "50") ?? 50)
            return .json(200, JSONValue.array(Array(users.dropFirst(start).prefix(limit))).jsonText)
        case ("GET", ["user", "search"]) where config.deployment == .dataCenter:
            return .json(200, JSONValue.array(state.withLock { $0.world.users.indices }.map(renderer.user)).jsonText)
        default:
            return .json(
                404,
                errorCollection([
                    "No resource found for \(request.method) /rest/api/\(version)/\(route.joined(separator: "/"))."
                ]))
        }
    }
}
