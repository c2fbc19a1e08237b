import Foundation
import ImportCore
import Synchronization

/// A loopback server that behaves like Jira Cloud (REST v3 and v2, enhanced search with
/// `nextPageToken`, scoped tokens through `/ex/jira/{cloudId}`) or Jira Data Center (REST v2,
/// `startAt` pagination, Bearer PATs), over deterministic generated data, with fault injection.
///
/// Tests start it in-process on an ephemeral port; `tributary sandbox jira` serves it from the CLI.
public final class JiraSandbox: Sendable {
    public let config: JiraSandboxConfig
    public let server: SandboxServer
    /// The cloud id the gateway route answers to (`/ex/jira/{cloudId}`).
    public let cloudID: String

    private struct State {
        var dataset: JiraDataset
        var sortedCache: [String: (version: Int, ids: [Int])] = [:]
        var childIndex: (version: Int, subtasks: [Int: [Int]], byKey: [String: Int]) = (-1, [:], [:])
        /// Raw JSON replacing an issue's rendering (hostile input for reliability tests).
        var hostile: [Int: [UInt8]] = [:]
        var hits: [String: Int] = [:]
        var interceptor: Interceptor?
    }

    /// Answers a request in place of the emulator: `emulator()` is what the emulator would answer, to
    /// return as it is, rewrite or ignore (hostile answers for reliability tests).
    public typealias Interceptor = @Sendable (SandboxRequest, _ emulator: () -> SandboxResponse) -> SandboxResponse

    private let state: Mutex<State>
    private let projects: JiraProjects

    /// The site URL (`http://127.0.0.1:<port>`).
    public var baseURL: String { server.baseURL }
    /// The URL to configure as the scoped-token gateway (`ConnectionOptions.extras["gatewayURL"]`).
    public var gatewayURL: String { server.baseURL }

    public init(config: JiraSandboxConfig = JiraSandboxConfig(), port: UInt16 = 0) throws {
        self.config = config
        var random = SeededRandom(seed: config.seed ^ 0xC10D)
        cloudID =
            config.cloudID
            ?? String(
                format: "%08x-%04x-4%03x-8%03x-%012llx", UInt32(truncatingIfNeeded: random.next()),
                UInt16(truncatingIfNeeded: random.next()), random.below(0xFFF), random.below(0xFFF),
                random.next() & 0xFFFF_FFFF_FFFF)
        let dataset = JiraDataset(config: config)
        projects = dataset.projects
        state = Mutex(State(dataset: dataset))
        let box = HandlerBox()
        server = try SandboxServer(port: port, faults: config.faults) { request in
            box.sandbox?.handle(request) ?? .text(503, "starting")
        }
        box.sandbox = self
    }

    /// Breaks the reference cycle server → handler → sandbox at start-up.
    private final class HandlerBox: @unchecked Sendable {
        weak var sandbox: JiraSandbox?
    }

    public func stop() { server.stop() }

    // MARK: Test controls

    /// Number of issues currently served.
    public var issueCount: Int { state.withLock { $0.dataset.issues.count } }

    /// Every issue id, ascending.
    public var issueIDs: [Int] { state.withLock { $0.dataset.issues.keys.sorted() } }

    /// Changes `count` issues (new `updated`); returns their ids. By default only issues no other
    /// issue embeds change, so exactly `count` records differ; `leavesOnly: false` also picks parents,
    /// epics and subtasks, whose changes show in their relatives too.
    @discardableResult
    public func updateIssues(_ count: Int, leavesOnly: Bool = true) -> [Int] {
        state.withLock { $0.dataset.update(count: count, leavesOnly: leavesOnly) }
    }

    /// Deletes `count` issues (their subtasks too); returns the ids removed.
    @discardableResult
    public func deleteIssues(_ count: Int) -> [Int] { state.withLock { $0.dataset.delete(count: count) } }

    /// Adds `count` issues; returns their ids.
    @discardableResult
    public func addIssues(_ count: Int) -> [Int] { state.withLock { $0.dataset.add(count: count) } }

    /// Serves `json` (raw bytes, not validated) in place of issue `id`'s rendering.
    public func replaceIssueJSON(id: Int, with json: [UInt8]) {
        state.withLock { state in
            state.hostile[id] = json
            state.dataset.setSummary(id: id, state.dataset.issues[id]?.summary ?? "")
        }
    }

    /// The keys of the sandbox's projects (`DEMO`, `OPS`, …).
    public var projectKeys: [String] { state.withLock { $0.dataset.projectKeys } }

    /// The epics of a project (key and summary), oldest first: demos create matching milestones.
    public func epics(project: String) -> [(key: String, summary: String)] {
        state.withLock { state in
            state.dataset.issues.values.filter { $0.type == "Epic" && projects.key($0.project) == project }
                .sorted { $0.id < $1.id }.map { ($0.key, $0.summary) }
        }
    }

    /// The sandbox's people: display name and email (nil when hidden).
    public var people: [(name: String, email: String?)] {
        state.withLock { $0.dataset.users.map { ($0.displayName, $0.email) } }
    }

    /// Requests per endpoint (`GET /rest/api/3/search/jql` …), control endpoints excluded.
    public var requestCounts: [String: Int] { state.withLock { $0.hits } }

    public func resetRequestCounts() { state.withLock { $0.hits = [:] } }

    public func setFaults(_ plan: FaultPlan) { server.setFaults(plan) }

    /// Puts `interceptor` in front of the emulator (hostile answers for reliability tests); `nil` removes it.
    public func intercept(_ interceptor: Interceptor?) { state.withLock { $0.interceptor = interceptor } }

    // MARK: Routing

    func handle(_ request: SandboxRequest) -> SandboxResponse {
        if request.path.hasPrefix("/__sandbox/") { return control(request) }
        if let interceptor = state.withLock({ $0.interceptor }) {
            return interceptor(request) { self.emulate(request) }
        }
        return emulate(request)
    }

    private func emulate(_ request: SandboxRequest) -> SandboxResponse {
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
        var response: SandboxResponse
        switch auth {
        case .rejected(let rejection):
            return rejection
        case .anonymous:
            response = anonymous(route: route, renderer: renderer)
            response.headers["X-Seraph-LoginReason"] = "AUTHENTICATED_FAILED"
            return response
        case .noReadMe where route == ["myself"]:
            return .json(401, #"{"code":401,"message":"Unauthorized; scope does not match"}"#)
        case .user, .noReadMe:
            break
        }
        response = dispatch(request, route: route, renderer: renderer, version: version)
        response.headers["X-Seraph-LoginReason"] = "OK"
        return response
    }

    private enum AuthOutcome {
        case user
        case noReadMe
        case anonymous
        case rejected(SandboxResponse)
    }

    private func authenticate(_ request: SandboxRequest, viaGateway: Bool, isMyself: Bool) -> AuthOutcome {
        let header = request.header("authorization") ?? ""
        let cloudRejection = SandboxResponse(
            status: 401,
            headers: [
                "Content-Type": "text/plain;charset=UTF-8", "X-Seraph-LoginReason": "AUTHENTICATED_FAILED",
                "WWW-Authenticate": "Basic realm=\"protected-area\"",
            ],
            body: Data("Client must be authenticated to access this resource.".utf8))
        let dataCenterRejection = SandboxResponse.json(
            401,
            #"{"errorMessages":["You are not authenticated. Authentication required to perform this operation."],"errors":{}}"#,
            headers: ["X-Seraph-LoginReason": "AUTHENTICATED_FAILED"])
        if header.hasPrefix("Bearer ") {
            let token = String(header.dropFirst(7))
            if config.deployment == .dataCenter && token == config.personalAccessToken { return .user }
            return .rejected(config.deployment == .cloud ? cloudRejection : dataCenterRejection)
        }
        guard header.hasPrefix("Basic "), let decoded = Data(base64Encoded: String(header.dropFirst(6))),
            let pair = String(data: decoded, encoding: .utf8), let colon = pair.firstIndex(of: ":")
        else {
            return .rejected(config.deployment == .cloud ? cloudRejection : dataCenterRejection)
        }
        let email = String(pair[..<colon])
        let token = String(pair[pair.index(after: colon)...])
        guard email.caseInsensitiveCompare(config.email) == .orderedSame else {
            return .rejected(config.deployment == .cloud ? cloudRejection : dataCenterRejection)
        }
        switch token {
        case config.apiToken: return .user
        case config.scopedToken where config.deployment == .cloud:
            return viaGateway ? .user : .rejected(cloudRejection)
        case config.scopedTokenWithoutReadMe where config.deployment == .cloud:
            return viaGateway ? .noReadMe : .rejected(cloudRejection)
        case config.expiredToken where config.deployment == .cloud:
            if isMyself {
                return .rejected(cloudRejection)
            }
            return .anonymous
        default:
            return .rejected(config.deployment == .cloud ? cloudRejection : dataCenterRejection)
        }
    }

    /// What an anonymous visitor sees: no projects, no issues.
    private func anonymous(route: [String], renderer: JiraRenderer) -> SandboxResponse {
        switch route.first {
        case "project":
            return .json(200, #"{"startAt":0,"maxResults":50,"total":0,"isLast":true,"values":[]}"#)
        case "search":
            return .json(
                400,
                errorCollection([
                    "The value '\(state.withLock { $0.dataset.projectKeys.first ?? "" })' does not exist for the field 'project'."
                ]))
        default:
            return .json(404, errorCollection(["Issue does not exist or you do not have permission to see it."]))
        }
    }

    private func dispatch(_ request: SandboxRequest, route: [String], renderer: JiraRenderer, version: Int)
        -> SandboxResponse
    {
        if request.method == "GET", route.count >= 2, route[0] == "issue" {
            switch route.count {
            case 2: return issue(route[1], request: request, renderer: renderer)
            case 3 where route[2] == "comment":
                return children(route[1], kind: "comments", request: request, renderer: renderer)
            case 3 where route[2] == "worklog":
                return children(route[1], kind: "worklogs", request: request, renderer: renderer)
            default: break
            }
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
            let users = state.withLock { $0.dataset.users.indices }.map(renderer.user)
            let start = Int(request.query["startAt"] ?? "0") ?? 0
            let limit = min(1000, Int(request.query["maxResults"] ?? "50") ?? 50)
            return .json(200, JSONValue.array(Array(users.dropFirst(start).prefix(limit))).jsonText)
        case ("GET", ["user", "search"]) where config.deployment == .dataCenter:
            return .json(200, JSONValue.array(state.withLock { $0.dataset.users.indices }.map(renderer.user)).jsonText)
        default:
            return .json(
                404,
                errorCollection([
                    "No resource found for \(request.method) /rest/api/\(version)/\(route.joined(separator: "/"))."
                ]))
        }
    }

    // MARK: Endpoints

    private func serverInfo(_ renderer: JiraRenderer) -> SandboxResponse {
        let info: JSONValue = [
            "baseUrl": .string(baseURL), "displayUrl": .string(baseURL),
            "version": config.deployment == .cloud ? "1001.0.0-SNAPSHOT" : "9.12.4",
            "versionNumbers": config.deployment == .cloud ? [1001, 0, 0] : [9, 12, 4],
            "deploymentType": config.deployment == .cloud ? "Cloud" : "Server", "buildNumber": 100_252,
            "buildDate": "2024-01-10T00:00:00.000+0000",
            "serverTime": .string(renderer.time(Int64(Date().timeIntervalSince1970 * 1000))),
            "scmInfo": "0d9d3e7bd6c2a2d2b1f0", "serverTitle": "Tributary Sandbox",
            "serverTimeZone": .string(config.userTimeZone), "defaultLocale": ["locale": "en_AU"],
        ]
        return .json(200, info.jsonText)
    }

    private func visibleProjects() -> [Int] {
        let count = state.withLock { $0.dataset.projectCount }
        return (0..<count).filter { !config.forbiddenProjects.contains(projects.key($0)) }
    }

    private func projectSearch(_ request: SandboxRequest, renderer: JiraRenderer) -> SandboxResponse {
        let all = visibleProjects()
        let start = max(0, Int(request.query["startAt"] ?? "0") ?? 0)
        let limit = min(50, max(1, Int(request.query["maxResults"] ?? "50") ?? 50))
        let slice = Array(all.dropFirst(start).prefix(limit))
        let isLast = start + slice.count >= all.count
        var body: [String: JSONValue] = [
            "self": .string(
                "\(baseURL)/rest/api/\(renderer.apiVersion)/project/search?startAt=\(start)&maxResults=\(limit)"),
            "startAt": .number(Double(start)), "maxResults": .number(Double(limit)),
            "total": .number(Double(all.count)),
            "isLast": .bool(isLast), "values": .array(slice.map(renderer.project)),
        ]
        if !isLast {
            body["nextPage"] = .string(
                "\(baseURL)/rest/api/\(renderer.apiVersion)/project/search?startAt=\(start + limit)&maxResults=\(limit)"
            )
        }
        return .json(200, JSONValue.object(body).jsonText)
    }

    /// Parameters of a search, from the query string (GET) or the JSON body (POST).
    private struct SearchParameters {
        var jql = ""
        var fields: [String] = []
        var maxResults: Int?
        var nextPageToken: String?
        var startAt = 0
    }

    private func searchParameters(_ request: SandboxRequest) -> Result<SearchParameters, SandboxResponse> {
        var parameters = SearchParameters()
        if request.method == "POST" {
            guard let body = try? JSONParser.parse(request.body), case .object = body else {
                return .failure(
                    .json(
                        400,
                        errorCollection(["Invalid request payload. Refer to the REST API documentation and try again."])
                    ))
            }
            parameters.jql = body["jql"]?.stringValue ?? ""
            parameters.fields = body["fields"]?.arrayValue?.compactMap(\.stringValue) ?? []
            parameters.maxResults = body["maxResults"]?.intValue
            parameters.nextPageToken = body["nextPageToken"]?.stringValue
            parameters.startAt = body["startAt"]?.intValue ?? 0
        } else {
            parameters.jql = request.query["jql"] ?? ""
            parameters.fields = request.query["fields"].map { [$0] } ?? []
            parameters.maxResults = request.query["maxResults"].flatMap { Int($0) }
            parameters.nextPageToken = request.query["nextPageToken"]
            parameters.startAt = Int(request.query["startAt"] ?? "0") ?? 0
        }
        return .success(parameters)
    }

    /// The ids matching `jql`, in the query's order (cached until the data changes).
    private func matching(_ jql: String) -> Result<(query: JQLQuery, ids: [Int]), SandboxResponse> {
        let query: JQLQuery
        do {
            query = try JQLQuery(jql)
        } catch {
            return .failure(.json(400, errorCollection(["Error in the JQL Query: \(error.message)"])))
        }
        return state.withLock { state -> Result<(query: JQLQuery, ids: [Int]), SandboxResponse> in
            refreshIndex(&state)
            let evaluator = JQLEvaluator(
                query: query, zone: zone, currentUser: 0, users: state.dataset.users,
                projects: state.dataset.projects,
                issuesByKey: state.childIndex.byKey)
            let known = Set(
                (0..<state.dataset.projectCount).filter {
                    !config.forbiddenProjects.contains(projects.key($0))
                }.flatMap {
                    [
                        projects.key($0).lowercased(), String(projects.id($0)),
                        projects.name($0).lowercased(),
                    ]
                })
            for value in evaluator.projectValues where !known.contains(value.lowercased()) {
                return .failure(
                    .json(400, errorCollection(["The value '\(value)' does not exist for the field 'project'."])))
            }
            if let cached = state.sortedCache[jql], cached.version == state.dataset.version {
                return .success((query, cached.ids))
            }
            var matched: [JiraIssueRecord] = []
            do throws(JQLEvaluator.EvaluationError) {
                for issue in state.dataset.issues.values
                where !config.forbiddenProjects.contains(projects.key(issue.project)) {
                    if try evaluator.matches(issue) { matched.append(issue) }
                }
            } catch {
                return .failure(.json(400, errorCollection([error.message])))
            }
            let ids = evaluator.ordered(matched).map(\.id)
            if state.sortedCache.count > 16 { state.sortedCache.removeAll() }
            state.sortedCache[jql] = (state.dataset.version, ids)
            return .success((query, ids))
        }
    }

    /// A search request's parameters and the issues its JQL matches, or the error response.
    private func searchInputs(_ request: SandboxRequest) -> Result<
        (SearchParameters, (query: JQLQuery, ids: [Int])), SandboxResponse
    > {
        searchParameters(request).flatMap { parameters in matching(parameters.jql).map { (parameters, $0) } }
    }

    private func enhancedSearch(_ request: SandboxRequest, renderer: JiraRenderer) -> SandboxResponse {
        let parameters: SearchParameters
        let matched: (query: JQLQuery, ids: [Int])
        switch searchInputs(request) {
        case .success(let value): (parameters, matched) = value
        case .failure(let response): return response
        }
        guard matched.query.isBounded else {
            return .json(
                400,
                errorCollection([
                    "Unbounded JQL queries are not allowed here. Please add a search restriction to your query."
                ]))
        }
        let selection = FieldSelection.parse(parameters.fields, default: .only(["id"]))
        let cap = selection.isIDsOnly ? 5000 : 100
        let limit = max(1, min(cap, parameters.maxResults ?? 50))
        var start = 0
        let queryHash = String(SHA256.hex(parameters.jql).prefix(12))
        if let token = parameters.nextPageToken {
            guard let position = decodeToken(token), position.query == queryHash else {
                return .json(400, errorCollection(["The provided next page token is invalid or expired."]))
            }
            // Keyset: continue after the last issue served, wherever it sits now.
            start = state.withLock { state -> Int in
                let evaluator = JQLEvaluator(
                    query: matched.query, zone: zone, currentUser: 0, users: state.dataset.users,
                    projects: state.dataset.projects, issuesByKey: [:])
                let order = matched.query.order.isEmpty ? [(field: "created", ascending: false)] : matched.query.order
                return matched.ids.firstIndex { id in
                    guard let issue = state.dataset.issues[id] else { return false }
                    for (offset, entry) in order.enumerated() {
                        let key = evaluator.sortKey(entry.field, issue)
                        let last = position.keys[offset]
                        if key != last { return entry.ascending ? key > last : key < last }
                    }
                    return issue.id > position.id
                } ?? matched.ids.count
            }
        }
        let pageIDs = Array(matched.ids.dropFirst(start).prefix(limit))
        let isLast = start + pageIDs.count >= matched.ids.count
        var out = Array(#"{"issues":["#.utf8)
        let lastKeys = renderIssues(
            pageIDs, selection: selection, renderer: renderer, into: &out, order: matched.query.order)
        out += Array("],\"isLast\":\(isLast)".utf8)
        if !isLast, let lastID = pageIDs.last {
            out += Array(",\"nextPageToken\":".utf8)
            JSONWriter.writeString(encodeToken(query: queryHash, keys: lastKeys, id: lastID), into: &out)
        }
        out.append(UInt8(ascii: "}"))
        return .json(200, bytes: out)
    }

    private func offsetSearch(_ request: SandboxRequest, renderer: JiraRenderer) -> SandboxResponse {
        let parameters: SearchParameters
        let matched: (query: JQLQuery, ids: [Int])
        switch searchInputs(request) {
        case .success(let value): (parameters, matched) = value
        case .failure(let response): return response
        }
        let selection = FieldSelection.parse(parameters.fields, default: .all)
        let limit = max(0, min(1000, parameters.maxResults ?? 50))
        let start = max(0, parameters.startAt)
        let pageIDs = Array(matched.ids.dropFirst(start).prefix(limit))
        var out = Array(
            "{\"expand\":\"schema,names\",\"startAt\":\(start),\"maxResults\":\(limit),\"total\":\(matched.ids.count),\"issues\":["
                .utf8)
        _ = renderIssues(pageIDs, selection: selection, renderer: renderer, into: &out, order: matched.query.order)
        out += Array("]}".utf8)
        return .json(200, bytes: out)
    }

    private func approximateCount(_ request: SandboxRequest) -> SandboxResponse {
        guard let body = try? JSONParser.parse(request.body), let jql = body["jql"]?.stringValue else {
            return .json(400, errorCollection(["The JQL query is required."]))
        }
        switch matching(jql) {
        case .success(let matched): return .json(200, "{\"count\":\(matched.ids.count)}")
        case .failure(let response): return response
        }
    }

    /// Appends the issues' JSON to `out`, comma-separated; returns the sort keys of the last one.
    private func renderIssues(
        _ ids: [Int], selection: FieldSelection, renderer: JiraRenderer, into out: inout [UInt8],
        order: [(field: String, ascending: Bool)]
    ) -> [Int64] {
        state.withLock { state -> [Int64] in
            refreshIndex(&state)
            var lastKeys: [Int64] = []
            let evaluator = JQLEvaluator(
                query: try! JQLQuery(""), zone: zone, currentUser: 0, users: [], projects: projects, issuesByKey: [:])
            let effectiveOrder = order.isEmpty ? [(field: "created", ascending: false)] : order
            for (position, id) in ids.enumerated() {
                guard let record = state.dataset.issues[id] else { continue }
                if position > 0 { out.append(UInt8(ascii: ",")) }
                if let raw = state.hostile[id] {
                    out += raw
                } else {
                    let fields = renderer.fields(
                        record, parent: record.parent.flatMap { state.dataset.issues[$0] },
                        subtasks: (state.childIndex.subtasks[id] ?? []).compactMap { state.dataset.issues[$0] })
                    out += JSONWriter().bytes(renderer.issue(record, fields: fields, selection: selection))
                }
                lastKeys = effectiveOrder.map { evaluator.sortKey($0.field, record) }
            }
            return lastKeys
        }
    }

    private func refreshIndex(_ state: inout State) {
        guard state.childIndex.version != state.dataset.version else { return }
        var subtasks: [Int: [Int]] = [:]
        var byKey: [String: Int] = [:]
        for issue in state.dataset.issues.values {
            byKey[issue.key] = issue.id
            if issue.type == "Sub-task", let parent = issue.parent { subtasks[parent, default: []].append(issue.id) }
        }
        for key in subtasks.keys { subtasks[key]?.sort() }
        state.childIndex = (state.dataset.version, subtasks, byKey)
    }

    private func record(_ idOrKey: String) -> Result<JiraIssueRecord, SandboxResponse> {
        state.withLock { state in
            refreshIndex(&state)
            let id = Int(idOrKey) ?? state.childIndex.byKey[idOrKey.uppercased()]
            guard let id, let issue = state.dataset.issues[id] else {
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

    private func issue(_ idOrKey: String, request: SandboxRequest, renderer: JiraRenderer) -> SandboxResponse {
        switch record(idOrKey) {
        case .failure(let response): return response
        case .success(let issue):
            var out: [UInt8] = []
            _ = renderIssues(
                [issue.id], selection: FieldSelection.parse(request.query["fields"].map { [$0] } ?? [], default: .all),
                renderer: renderer, into: &out, order: [])
            return .json(200, bytes: out)
        }
    }

    private func children(_ idOrKey: String, kind: String, request: SandboxRequest, renderer: JiraRenderer)
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

    private func fieldList() -> JSONValue {
        func system(_ id: String, _ name: String, _ type: String, items: String? = nil) -> JSONValue {
            var schema: [String: JSONValue] = ["type": .string(type), "system": .string(id)]
            if let items { schema["items"] = .string(items) }
            return [
                "id": .string(id), "key": .string(id), "name": .string(name), "custom": false, "orderable": true,
                "navigable": true, "searchable": true, "clauseNames": [.string(id)], "schema": .object(schema),
            ]
        }
        func custom(_ id: String, _ name: String, _ type: String, customType: String, items: String? = nil) -> JSONValue
        {
            let number = id.replacingOccurrences(of: "customfield_", with: "")
            var schema: [String: JSONValue] = [
                "type": .string(type), "custom": .string(customType), "customId": .number(Double(number) ?? 0),
            ]
            if let items { schema["items"] = .string(items) }
            return [
                "id": .string(id), "key": .string(id), "name": .string(name), "custom": true, "orderable": true,
                "navigable": true, "searchable": true, "clauseNames": [.string("cf[\(number)]"), .string(name)],
                "schema": .object(schema),
            ]
        }
        return [
            system("summary", "Summary", "string"), system("description", "Description", "string"),
            system("status", "Status", "status"), system("priority", "Priority", "priority"),
            system("issuetype", "Issue Type", "issuetype"), system("assignee", "Assignee", "user"),
            system("reporter", "Reporter", "user"), system("labels", "Labels", "array", items: "string"),
            system("duedate", "Due date", "date"), system("created", "Created", "datetime"),
            system("updated", "Updated", "datetime"), system("parent", "Parent", "issuelink"),
            system("subtasks", "Sub-tasks", "array", items: "issuelinks"),
            system("comment", "Comment", "comments-page"),
            system("worklog", "Log Work", "array", items: "worklog"),
            system("attachment", "Attachment", "array", items: "attachment"),
            system("components", "Components", "array", items: "component"),
            system("fixVersions", "Fix versions", "array", items: "version"), system("project", "Project", "project"),
            system("resolution", "Resolution", "resolution"),
            custom(
                config.storyPointsField.id, config.storyPointsField.name, "number",
                customType: "com.atlassian.jira.plugin.system.customfieldtypes:float"),
            custom("customfield_10014", "Epic Link", "any", customType: "com.pyxis.greenhopper.jira:gh-epic-link"),
            custom(
                "customfield_10020", "Sprint", "array", customType: "com.pyxis.greenhopper.jira:gh-sprint",
                items: "json"),
            custom(
                "customfield_10030", "Team", "option",
                customType: "com.atlassian.jira.plugin.system.customfieldtypes:select"),
        ]
    }

    private func resolutions() -> [JSONValue] {
        JiraReferenceData.resolutions.map { ["id": .string($0.id), "name": .string($0.name), "description": ""] }
    }

    private func paged(_ values: [JSONValue], request: SandboxRequest) -> SandboxResponse {
        let start = max(0, Int(request.query["startAt"] ?? "0") ?? 0)
        let limit = max(1, min(50, Int(request.query["maxResults"] ?? "50") ?? 50))
        let slice = Array(values.dropFirst(start).prefix(limit))
        let body: JSONValue = [
            "startAt": .number(Double(start)), "maxResults": .number(Double(limit)),
            "total": .number(Double(values.count)),
            "isLast": .bool(start + slice.count >= values.count), "values": .array(slice),
        ]
        return .json(200, body.jsonText)
    }

    // MARK: Control endpoints (for other processes: benchmarks, reliability runs)

    private func control(_ request: SandboxRequest) -> SandboxResponse {
        switch (request.method, request.path) {
        case ("POST", "/__sandbox/mutate"):
            let updated = updateIssues(Int(request.query["update"] ?? "0") ?? 0)
            let deleted = deleteIssues(Int(request.query["delete"] ?? "0") ?? 0)
            let added = addIssues(Int(request.query["add"] ?? "0") ?? 0)
            let ids: (([Int]) -> JSONValue) = { .array($0.map { .string(String($0)) }) }
            return .json(
                200, JSONValue.object(["updated": ids(updated), "deleted": ids(deleted), "added": ids(added)]).jsonText)
        case ("GET", "/__sandbox/stats"):
            let counts = requestCounts.mapValues { JSONValue.number(Double($0)) }
            var faults: [String: JSONValue] = [:]
            for (fault, count) in server.injectedFaults { faults[fault.rawValue] = JSONValue.number(Double(count)) }
            return .json(
                200,
                JSONValue.object([
                    "requests": .object(counts), "faults": .object(faults), "issues": .number(Double(issueCount)),
                ]).jsonText)
        case ("POST", "/__sandbox/reset-stats"):
            resetRequestCounts()
            return .json(200, "{}")
        case ("POST", "/__sandbox/faults"):
            guard let body = try? JSONParser.parse(request.body) else {
                return .json(400, #"{"error":"faults need a JSON body"}"#)
            }
            var plan = FaultPlan()
            plan.latencyMilliseconds = body["latencyMilliseconds"]?.intValue ?? 0
            plan.rateLimited = body["rateLimited"]?.doubleValue ?? 0
            plan.retryAfterSeconds = body["retryAfterSeconds"]?.intValue ?? 1
            plan.serverErrors500 = body["serverErrors500"]?.doubleValue ?? 0
            plan.unavailable503 = body["unavailable503"]?.doubleValue ?? 0
            plan.droppedMidBody = body["droppedMidBody"]?.doubleValue ?? 0
            plan.truncatedJSON = body["truncatedJSON"]?.doubleValue ?? 0
            plan.seed = UInt64(body["seed"]?.intValue ?? 7)
            setFaults(plan)
            return .json(200, "{}")
        default:
            return .json(404, #"{"error":"unknown sandbox control"}"#)
        }
    }

    // MARK: Helpers

    private var zone: TimeZone { TimeZone(identifier: config.userTimeZone) ?? TimeZone(identifier: "UTC")! }

    private func makeRenderer(version: Int) -> JiraRenderer {
        JiraRenderer(
            base: baseURL, apiVersion: version, deployment: config.deployment,
            users: state.withLock { $0.dataset.users }, zone: zone,
            storyPointsField: config.storyPointsField.id, embeddedChildLimit: config.embeddedChildLimit,
            projects: projects)
    }

    private func notFoundPage() -> SandboxResponse {
        .text(
            404,
            "<!DOCTYPE html><html><head><title>Oops, you've found a dead link. - JIRA</title></head><body>Oops, you've found a dead link.</body></html>",
            contentType: "text/html;charset=UTF-8")
    }

    private func errorCollection(_ messages: [String], errors: [String: String] = [:]) -> String {
        JSONValue.object([
            "errorMessages": .array(messages.map(JSONValue.string)),
            "errors": .object(errors.mapValues(JSONValue.string)),
        ]).jsonText
    }

    private func encodeToken(query: String, keys: [Int64], id: Int) -> String {
        let text = JSONValue.object([
            "q": .string(query), "k": .array(keys.map { .number(Double($0)) }), "i": .number(Double(id)),
        ]).jsonText
        return Data(text.utf8).base64EncodedString()
    }

    private func decodeToken(_ token: String) -> (query: String, keys: [Int64], id: Int)? {
        guard let data = Data(base64Encoded: token), let value = try? JSONParser.parse(data),
            let query = value["q"]?.stringValue, let keys = value["k"]?.arrayValue, let id = value["i"]?.intValue
        else { return nil }
        return (query, keys.compactMap { $0.doubleValue.map { Int64($0) } }, id)
    }
}
