import Foundation
import ImportCore

// JQL search: enhanced (`nextPageToken`), offset (`startAt`) and approximate counts.
extension JiraSandbox {
    /// Parameters of a search, from the query string (GET) or the JSON body (POST).
    struct SearchParameters {
        var jql = ""
        var fields: [String] = []
        var maxResults: Int?
        var nextPageToken: String?
        var startAt = 0
        /// `expand`: `changelog` embeds the issue's history.
        var expand: Set<String> = []
    }

    func searchParameters(_ request: SandboxRequest) -> Result<SearchParameters, SandboxResponse> {
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
            // Cloud's enhanced search takes a comma-separated text, Data Center's search a list.
            let expand = body["expand"]?.arrayValue?.compactMap(\.stringValue) ?? [body["expand"]?.stringValue ?? ""]
            parameters.expand = Self.expansions(expand)
        } else {
            parameters.jql = request.query["jql"] ?? ""
            parameters.fields = request.query["fields"].map { [$0] } ?? []
            parameters.maxResults = request.query["maxResults"].flatMap { Int($0) }
            parameters.nextPageToken = request.query["nextPageToken"]
            parameters.startAt = Int(request.query["startAt"] ?? "0") ?? 0
            parameters.expand = Self.expansions([request.query["expand"] ?? ""])
        }
        return .success(parameters)
    }

    /// The names in `expand` values (`renderedFields,changelog`).
    static func expansions(_ values: [String]) -> Set<String> {
        Set(values.flatMap { $0.split(separator: ",") }.map { $0.trimmingCharacters(in: .whitespaces) })
    }

    /// How many histories an issue embeds when `changelog` is expanded: Cloud stops at 100 (the rest
    /// through `/issue/{id}/changelog`), Data Center sends them all.
    func embeddedHistories(_ expand: Set<String>) -> Int? {
        guard expand.contains("changelog") else { return nil }
        return config.deployment == .cloud ? 100 : Int.max
    }

    /// The ids matching `jql`, in the query's order (cached until the data changes).
    func matching(_ jql: String) -> Result<(query: JQLQuery, ids: [Int]), SandboxResponse> {
        let query: JQLQuery
        do {
            query = try JQLQuery(jql)
        } catch {
            return .failure(.json(400, errorCollection(["Error in the JQL Query: \(error.message)"])))
        }
        return state.withLock { state -> Result<(query: JQLQuery, ids: [Int]), SandboxResponse> in
            refreshIndex(&state)
            let evaluator = JQLEvaluator(
                query: query, zone: zone, currentUser: 0, users: state.world.users,
                projects: state.world.projects,
                issuesByKey: state.index.byKey)
            let known = Set(
                (0..<state.world.projectCount).filter {
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
            for value in evaluator.issueValues {
                let known =
                    Int(value).map { state.world.issues[$0] != nil } ?? (state.index.byKey[value.uppercased()] != nil)
                guard known else {
                    let field = Int(value) == nil ? "key" : "id"
                    return .failure(
                        .json(
                            400, errorCollection(["An issue with key '\(value)' does not exist for field '\(field)'."]))
                    )
                }
            }
            if let cached = state.sortedCache[jql], cached.version == state.world.version {
                return .success((query, cached.ids))
            }
            var matched: [WorkItem] = []
            do throws(JQLEvaluator.EvaluationError) {
                // Archived (and trashed) issues are not found by JQL, as in Jira Cloud.
                // The issues a search names, or the whole world (read in place, not copied).
                let candidates: AnySequence<WorkItem> =
                    evaluator.confinedTo.map { names in
                        AnySequence(
                            Set(names.compactMap { Int($0) ?? state.index.byKey[$0.uppercased()] }).compactMap {
                                state.world.issues[$0]
                            })
                    } ?? AnySequence(state.world.issues.values)
                for issue in candidates
                where !issue.isArchived && !config.forbiddenProjects.contains(projects.key(issue.project)) {
                    if try evaluator.matches(issue) { matched.append(issue) }
                }
            } catch {
                return .failure(.json(400, errorCollection([error.message])))
            }
            let ids = evaluator.ordered(matched).map(\.id)
            if state.sortedCache.count > 16 { state.sortedCache.removeAll() }
            state.sortedCache[jql] = (state.world.version, ids)
            return .success((query, ids))
        }
    }

    /// A search request's parameters and the issues its JQL matches, or the error response.
    func searchInputs(_ request: SandboxRequest) -> Result<
        (SearchParameters, (query: JQLQuery, ids: [Int])), SandboxResponse
    > {
        searchParameters(request).flatMap { parameters in matching(parameters.jql).map { (parameters, $0) } }
    }

    func enhancedSearch(_ request: SandboxRequest, renderer: JiraRenderer) -> SandboxResponse {
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
                    query: matched.query, zone: zone, currentUser: 0, users: state.world.users,
                    projects: state.world.projects, issuesByKey: [:])
                let order = matched.query.order.isEmpty ? [(field: "created", ascending: false)] : matched.query.order
                return matched.ids.firstIndex { id in
                    guard let issue = state.world.issues[id] else { return false }
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
            pageIDs, selection: selection, renderer: renderer, into: &out, order: matched.query.order,
            histories: embeddedHistories(parameters.expand))
        out += Array("],\"isLast\":\(isLast)".utf8)
        if !isLast, let lastID = pageIDs.last {
            out += Array(",\"nextPageToken\":".utf8)
            JSONWriter.writeString(encodeToken(query: queryHash, keys: lastKeys, id: lastID), into: &out)
        }
        out.append(UInt8(ascii: "}"))
        return .json(200, bytes: out)
    }

    func offsetSearch(_ request: SandboxRequest, renderer: JiraRenderer) -> SandboxResponse {
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
        _ = renderIssues(
            pageIDs, selection: selection, renderer: renderer, into: &out, order: matched.query.order,
            histories: embeddedHistories(parameters.expand))
        out += Array("]}".utf8)
        return .json(200, bytes: out)
    }

    func approximateCount(_ request: SandboxRequest) -> SandboxResponse {
        guard let body = try? JSONParser.parse(request.body), let jql = body["jql"]?.stringValue else {
            return .json(400, errorCollection(["The JQL query is required."]))
        }
        switch matching(jql) {
        case .success(let matched): return .json(200, "{\"count\":\(matched.ids.count)}")
        case .failure(let response): return response
        }
    }

    /// Appends the issues' JSON to `out`, comma-separated; returns the sort keys of the last one. The
    /// world is read under the lock and rendered outside it, so concurrent requests render at once
    /// (as a real server would), not one after another.
    func renderIssues(
        _ ids: [Int], selection: FieldSelection, renderer: JiraRenderer, into out: inout [UInt8],
        order: [(field: String, ascending: Bool)], histories: Int? = nil
    ) -> [Int64] {
        let (issues, index, hostile) = state.withLock { state in
            refreshIndex(&state)
            return (state.world.issues, state.index, state.hostile)
        }
        var lastKeys: [Int64] = []
        let evaluator = JQLEvaluator(
            query: .everything, zone: zone, currentUser: 0, users: [], projects: projects, issuesByKey: [:])
        let effectiveOrder = order.isEmpty ? [(field: "created", ascending: false)] : order
        var written = 0
        for id in ids {
            guard let record = issues[id] else { continue }
            if written > 0 { out.append(UInt8(ascii: ",")) }
            written += 1
            if let raw = hostile[id] {
                out += raw
            } else {
                var fields: [String: JSONValue] = [:]
                // An id listing names no field: rendering them all would only be thrown away.
                if !selection.isIDsOnly {
                    let links = (index.links[id] ?? []).compactMap { link -> (link: WorkLink, other: WorkItem)? in
                        issues[link.from == id ? link.to : link.from].map { (link, $0) }
                    }
                    fields = renderer.fields(
                        record, parent: record.parent.flatMap { issues[$0] },
                        subtasks: (index.subtasks[id] ?? []).compactMap { issues[$0] }, links: links)
                }
                var issue = renderer.issue(record, fields: fields, selection: selection)
                if let histories, case .object(var object) = issue {
                    object["changelog"] = renderer.changelog(record, limit: histories)
                    issue = .object(object)
                }
                out += JSONWriter().bytes(issue)
            }
            lastKeys = effectiveOrder.map { evaluator.sortKey($0.field, record) }
        }
        return lastKeys
    }

    func refreshIndex(_ state: inout State) {
        guard state.index.version != state.world.version else { return }
        state.index = WorldIndex(state.world)
    }

    func encodeToken(query: String, keys: [Int64], id: Int) -> String {
        let text = JSONValue.object([
            "q": .string(query), "k": .array(keys.map { .number(Double($0)) }), "i": .number(Double(id)),
        ]).jsonText
        return Data(text.utf8).base64EncodedString()
    }

    func decodeToken(_ token: String) -> (query: String, keys: [Int64], id: Int)? {
        guard let data = Data(base64Encoded: token), let value = try? JSONParser.parse(data),
            let query = value["q"]?.stringValue, let keys = value["k"]?.arrayValue, let id = value["i"]?.intValue
        else { return nil }
        return (query, keys.compactMap { $0.doubleValue.flatMap { Int64(exactly: $0) } }, id)
    }
}
