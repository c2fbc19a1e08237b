import Foundation
import ImportCore
import Synchronization

/// A connection to one Jira site as one account. Detects Cloud or Data Center (`serverInfo`),
/// and for Cloud tokens refused by the site, the scoped-token route through Atlassian's gateway.
public final class JiraConnection: ProviderConnection {
    let site: String
    let gateway: String
    let client: HTTPClient
    let credentials: Credentials
    let options: ConnectionOptions

    private struct State {
        var route: JiraRoute?
        var timeZone: String?
        var fields: [SourceField]?
        /// The search for the page after the last one handed out, started before that page's
        /// children were fetched, so the search chain never waits for child requests.
        var prefetch: (key: String, task: Task<SearchPage, any Error>)?
    }

    private let state: Mutex<State>

    /// Child requests (comments, worklogs) in flight at once per page.
    static let childConcurrency = 4

    init(settings: ConnectionSettings) {
        site = settings.baseURL.absoluteString
        gateway = settings.options.extras["gatewayURL"] ?? "https://api.atlassian.com"
        credentials = settings.credentials
        options = settings.options
        client = HTTPClient(credentials: settings.credentials, options: settings.options, logger: settings.requestLog)
        var initial = State()
        initial.route = JiraRoute.from(settings: settings.options.extras, site: site, gateway: gateway)
        initial.timeZone = settings.options.extras["timeZone"]
        state = Mutex(initial)
    }

    public var siteURL: String { site }
    public var metrics: RequestMetrics { client.metrics }

    // MARK: Requests

    /// GET or POST a JSON API path on the resolved route; maps failures to `ProviderError`.
    func call(
        _ path: String, method: String = "GET", query: [(String, String)] = [], body: JSONValue? = nil, context: String
    )
        async throws -> JSONValue
    {
        let route = try await resolveRoute()
        var request = HTTPRequest(method: method, url: route.url(path, query: query))
        if let body {
            request.body = JSONWriter().data(body)
            request.headers["Content-Type"] = "application/json"
        }
        do {
            let (response, json) = try await client.sendJSON(request)
            if Self.answeredAnonymously(response) { throw JiraErrors.anonymousAnswer(context: context) }
            return json
        } catch let error as HTTPError {
            if let code = error.statusCode, case .status(_, _, let headers, _, _) = error, code == 400,
                Self.answeredAnonymously(headers: headers)
            {
                throw JiraErrors.anonymousAnswer(context: context)
            }
            throw JiraErrors.from(error, context: context)
        }
    }

    static func answeredAnonymously(_ response: HTTPResponse) -> Bool { answeredAnonymously(headers: response.headers) }

    static func answeredAnonymously(headers: [String: String]) -> Bool {
        let reason = headers["x-seraph-loginreason"]?.uppercased() ?? ""
        return reason.contains("AUTHENTICATED_FAILED") || reason.contains("AUTHENTICATION_DENIED")
    }

    // MARK: Detection

    /// The API route, detected on first use: Data Center for personal access tokens or when
    /// `serverInfo` says so; Cloud otherwise, through the gateway when the site refuses the token
    /// but the gateway (for the site's cloud id) accepts it.
    func resolveRoute() async throws -> JiraRoute {
        if let route = state.withLock({ $0.route }) { return route }
        let route = try await detectRoute()
        state.withLock { $0.route = route }
        return route
    }

    private func detectRoute() async throws -> JiraRoute {
        if credentials.kind == .personalAccessToken {
            return JiraRoute(deployment: .dataCenter, apiBase: site, apiVersion: 2, viaGateway: false, cloudID: nil)
        }
        let infoURL = URL(string: "\(site)/rest/api/2/serverInfo")!
        let deployment: JiraRoute.Deployment
        do {
            let (_, info) = try await client.sendJSON(HTTPRequest(url: infoURL), authenticate: false)
            deployment = info["deploymentType"]?.stringValue?.lowercased() == "cloud" ? .cloud : .dataCenter
        } catch {
            if case .status(let code, let body, let headers, let url, _) = error, code == 404 {
                throw ProviderError(
                    provider: JiraProvider.id, kind: .notFound, status: 404,
                    sourceMessages: JiraErrors.sourceMessages(body),
                    message: "no Jira site answers at \(url)",
                    hint: JiraErrors.hint(404, messages: [], headers: headers))
            }
            throw JiraErrors.from(error, context: "reading the site's serverInfo")
        }
        let siteRoute = JiraRoute(
            deployment: deployment, apiBase: site, apiVersion: deployment == .cloud ? 3 : 2, viaGateway: false,
            cloudID: nil)
        guard deployment == .cloud else { return siteRoute }
        // Scoped tokens are refused by the site itself: try the gateway before reporting the refusal.
        let probe = HTTPRequest(url: siteRoute.url("myself"))
        do {
            let response = try await client.send(probe)
            if !Self.answeredAnonymously(response) { return siteRoute }
        } catch {
            guard error.statusCode == 401 else { return siteRoute }
        }
        guard let cloudID = try? await tenantCloudID() else { return siteRoute }
        let gatewayRoute = JiraRoute(
            deployment: .cloud, apiBase: "\(gateway)/ex/jira/\(cloudID)", apiVersion: 3, viaGateway: true,
            cloudID: cloudID)
        do {
            _ = try await client.send(HTTPRequest(url: gatewayRoute.url("myself")))
            return gatewayRoute
        } catch {
            // A scoped token without read:me reaches data but not /myself: keep the gateway route,
            // so verify() reports Jira's own "scope" message with the right hint.
            if case .status(let code, let body, _, _, _) = error, code == 401,
                JiraErrors.sourceMessages(body).joined().lowercased().contains("scope")
            {
                return gatewayRoute
            }
            return siteRoute
        }
    }

    /// The site's cloud id from `/_edge/tenant_info`.
    func tenantCloudID() async throws -> String {
        let (_, info) = try await client.sendJSON(
            HTTPRequest(url: URL(string: "\(site)/_edge/tenant_info")!), authenticate: false)
        guard let id = info["cloudId"]?.stringValue, !id.isEmpty else {
            throw ProviderError(
                provider: JiraProvider.id, kind: .invalidResponse, message: "the site's tenant_info has no cloudId",
                hint: "Check the site URL.")
        }
        return id
    }

    // MARK: ProviderConnection

    public func verify() async throws -> Account {
        let route = try await resolveRoute()
        let me = try await call(
            "myself", context: "verifying the credentials (GET /rest/api/\(route.apiVersion)/myself)")
        guard let id = me["accountId"]?.stringValue ?? me["key"]?.stringValue ?? me["name"]?.stringValue else {
            throw ProviderError(
                provider: JiraProvider.id, kind: .invalidResponse, message: "/myself answered without an account id",
                hint: "Check that the URL points at a Jira site.")
        }
        let zone = me["timeZone"]?.stringValue
        state.withLock { $0.timeZone = zone }
        var settings = route.settings
        if let zone { settings["timeZone"] = zone }
        return Account(
            id: id, displayName: me["displayName"]?.stringValue ?? id, email: me["emailAddress"]?.stringValue,
            timeZone: zone, settings: settings)
    }

    /// The token user's time zone (JQL dates are read in it), fetched once.
    func userTimeZone() async throws -> String? {
        if let zone = state.withLock({ $0.timeZone }) { return zone }
        let me = try await call("myself", context: "reading the account's time zone")
        let zone = me["timeZone"]?.stringValue ?? "UTC"
        state.withLock { $0.timeZone = zone }
        return zone
    }

    public func containers() async throws -> [Container] {
        let route = try await resolveRoute()
        var projects: [JSONValue] = []
        if route.deployment == .dataCenter {
            projects = try await call("project", context: "listing projects").arrayValue ?? []
        } else {
            var startAt = 0
            while true {
                let page = try await call(
                    "project/search", query: [("startAt", String(startAt)), ("maxResults", "50"), ("orderBy", "key")],
                    context: "listing projects")
                let values = page["values"]?.arrayValue ?? []
                projects += values
                if page["isLast"]?.boolValue ?? true || values.isEmpty { break }
                startAt += values.count
            }
        }
        return projects.compactMap { project in
            guard let id = project["id"]?.scalarText, let key = project["key"]?.stringValue else { return nil }
            var details: [String: String] = [:]
            details["type"] = project["projectTypeKey"]?.stringValue
            details["category"] = project["projectCategory"]?["name"]?.stringValue
            return Container(id: id, key: key, name: project["name"]?.stringValue ?? key, details: details)
        }
    }

    public func fieldCatalog() async throws -> [SourceField] {
        if let cached = state.withLock({ $0.fields }) { return cached }
        let fields = try await call("field", context: "listing fields").arrayValue ?? []
        let catalog = fields.compactMap { field -> SourceField? in
            guard let id = field["id"]?.stringValue else { return nil }
            var type = field["schema"]?["type"]?.stringValue
            if type == "array", let items = field["schema"]?["items"]?.stringValue { type = "array<\(items)>" }
            return SourceField(
                id: id, name: field["name"]?.stringValue ?? id, isCustom: field["custom"]?.boolValue ?? false,
                type: type)
        }
        state.withLock { $0.fields = catalog }
        return catalog
    }

    public func page(_ query: RecordQuery, from cursor: PageCursor?) async throws -> RecordPage {
        let route = try await resolveRoute()
        let builder = JQLBuilder(timeZoneIdentifier: try await userTimeZone())
        let current = try cursor.map(JiraCursor.decode) ?? JiraCursor(position: nil)
        // Only the fields the mapping reads (plus the keyset's); everything when no mapping says.
        var fields = Set(query.fields.compactMap { Self.fieldName($0) })
        if query.fields.isEmpty {
            fields = ["*all", "comment", "worklog"]
        } else {
            fields.formUnion(["updated"])
        }
        let wanted = max(1, min(query.pageSize, query.limit ?? .max))
        let sortedFields = fields.sorted()
        let search: SearchPage
        let key = Self.prefetchKey(query, cursor: cursor, fields: sortedFields)
        if let prefetched = state.withLock({ state -> Task<SearchPage, any Error>? in
            defer { state.prefetch = nil }
            return state.prefetch?.key == key ? state.prefetch?.task : nil
        }) {
            search = try await prefetched.value
        } else {
            search = try await searchPage(
                route, query, cursor: current, builder: builder, fields: sortedFields, maxResults: wanted)
        }
        // Start the next search now; this page's child requests then overlap with it.
        if !search.isLast, let nextPosition = search.records.last.flatMap(JiraCursor.position) ?? current.position {
            let nextCursor = JiraCursor(position: nextPosition, token: search.token, offset: search.offset)
            var nextQuery = query
            if let limit = query.limit { nextQuery.limit = limit - min(limit, search.records.count) }
            if nextQuery.limit.map({ $0 > 0 }) ?? true {
                let nextWanted = max(1, min(query.pageSize, nextQuery.limit ?? .max))
                let prefetchQuery = nextQuery
                let task = Task {
                    try await self.searchPage(
                        route, prefetchQuery, cursor: nextCursor, builder: builder, fields: sortedFields,
                        maxResults: nextWanted)
                }
                state.withLock {
                    $0.prefetch = (
                        Self.prefetchKey(prefetchQuery, cursor: nextCursor.encoded, fields: sortedFields), task
                    )
                }
            }
        }
        var records = search.records
        if let limit = query.limit, records.count > limit { records = Array(records.prefix(limit)) }
        records = try await completeChildren(records, query: query, fields: fields)
        let exhausted = search.isLast || (query.limit.map { records.count >= $0 } ?? false)
        var next: JiraCursor?
        if !exhausted {
            next = JiraCursor(
                position: records.last.flatMap(JiraCursor.position) ?? current.position, token: search.token,
                offset: search.offset)
        }
        return RecordPage(records: records, next: next?.encoded, estimatedTotal: search.total)
    }

    private func searchPage(
        _ route: JiraRoute, _ query: RecordQuery, cursor: JiraCursor, builder: JQLBuilder, fields: [String],
        maxResults: Int
    ) async throws -> SearchPage {
        route.deployment == .cloud
            ? try await cloudPage(query, cursor: cursor, builder: builder, fields: fields, maxResults: maxResults)
            : try await dataCenterPage(query, cursor: cursor, builder: builder, fields: fields, maxResults: maxResults)
    }

    /// Identifies a search: the query (minus its remaining limit) and the cursor it starts from.
    static func prefetchKey(_ query: RecordQuery, cursor: PageCursor?, fields: [String]) -> String {
        var described = query
        described.limit = nil
        return "\(described.hashValue)|\(cursor?.value ?? "start")|\(fields.joined(separator: ","))"
    }

    struct SearchPage: Sendable {
        var records: [JSONValue]
        var isLast: Bool
        var token: String?
        var offset: Int
        var total: Int?
    }

    /// Cloud: the enhanced search. The page token continues a search; a stored cursor whose token is
    /// refused (tokens expire after 7 days) continues from its keyset position instead.
    private func cloudPage(
        _ query: RecordQuery, cursor: JiraCursor, builder: JQLBuilder, fields: [String], maxResults: Int
    )
        async throws -> SearchPage
    {
        var useToken = cursor.token
        var attempts = 0
        // The first page of a search also asks for the total (for progress), alongside the search itself.
        var counting: Task<Int?, Never>?
        if cursor.position == nil && cursor.token == nil {
            let countJQL = builder.jql(for: query)
            counting = Task {
                try? await self.call(
                    "search/approximate-count", method: "POST", body: ["jql": .string(countJQL)],
                    context: "counting issues"
                )["count"]?.intValue
            }
        }
        while true {
            attempts += 1
            let jql = builder.jql(for: query, after: useToken == nil ? cursor.position : nil)
            var body: JSONValue = [
                "jql": .string(jql), "fields": .array(fields.map(JSONValue.string)),
                "maxResults": .number(Double(maxResults)),
            ]
            if let useToken, case .object(var object) = body {
                object["nextPageToken"] = .string(useToken)
                body = .object(object)
            }
            let response: JSONValue
            do {
                response = try await call("search/jql", method: "POST", body: body, context: "searching issues")
            } catch let error as ProviderError where error.status == 400 && useToken != nil && attempts == 1 {
                useToken = nil
                continue
            }
            var issues = response["issues"]?.arrayValue ?? []
            if useToken == nil { issues = cursor.issues(after: issues, order: query.order) }
            let token = response["nextPageToken"]?.stringValue
            let isLast = response["isLast"]?.boolValue ?? (token == nil)
            if issues.isEmpty, !isLast, let token, attempts < 50 {
                // A whole page of records already seen (same minute as the resume point): read on.
                useToken = token
                continue
            }
            let total = await counting?.value
            return SearchPage(records: issues, isLast: isLast || token == nil, token: token, offset: 0, total: total)
        }
    }

    /// Data Center: `/rest/api/2/search` with `startAt`. Offsets shift when issues change during a
    /// run (JRASERVER-69860), so every page starts a new keyset window after the last record seen.
    private func dataCenterPage(
        _ query: RecordQuery, cursor: JiraCursor, builder: JQLBuilder, fields: [String], maxResults: Int
    ) async throws -> SearchPage {
        var offset = cursor.offset
        while true {
            let jql = builder.jql(for: query, after: cursor.position)
            let response = try await call(
                "search", method: "POST",
                body: [
                    "jql": .string(jql), "startAt": .number(Double(offset)), "maxResults": .number(Double(maxResults)),
                    "fields": .array(fields.map(JSONValue.string)),
                ], context: "searching issues")
            let raw = response["issues"]?.arrayValue ?? []
            let total = response["total"]?.intValue
            let issues = cursor.issues(after: raw, order: query.order)
            let isLast = raw.count < maxResults || (total.map { offset + raw.count >= $0 } ?? raw.isEmpty)
            if issues.isEmpty, !isLast {
                offset += raw.count
                continue
            }
            return SearchPage(
                records: issues, isLast: isLast, token: nil, offset: 0, total: cursor.position == nil ? total : nil)
        }
    }

    /// The Jira field id a source path reads (`fields.status.name` → `status`).
    static func fieldName(_ path: String) -> String? {
        guard path.hasPrefix("fields.") else { return nil }
        let rest = path.dropFirst(7)
        let name = rest.prefix { $0 != "." && $0 != "[" }
        return name.isEmpty ? nil : String(name)
    }

    // MARK: Children

    /// Fetches the comment and worklog pages a search result did not embed, a few issues at a time.
    private func completeChildren(_ records: [JSONValue], query: RecordQuery, fields: Set<String>) async throws
        -> [JSONValue]
    {
        let wantComments = query.children.contains(.comments) && fields.contains("comment")
        let wantWorklogs = query.children.contains(.worklogs) && fields.contains("worklog")
        guard wantComments || wantWorklogs else { return records }
        var incomplete: [Int] = []
        for (index, record) in records.enumerated() {
            if (wantComments && Self.isIncomplete(record["fields"]?["comment"], key: "comments"))
                || (wantWorklogs && Self.isIncomplete(record["fields"]?["worklog"], key: "worklogs"))
            {
                incomplete.append(index)
            }
        }
        guard !incomplete.isEmpty else { return records }
        var completed = records
        try await withThrowingTaskGroup(of: (Int, JSONValue).self) { group in
            var pending = incomplete[...]
            func launch() {
                guard let index = pending.popFirst() else { return }
                let record = records[index]
                group.addTask {
                    (index, try await self.complete(record, comments: wantComments, worklogs: wantWorklogs))
                }
            }
            for _ in 0..<Self.childConcurrency { launch() }
            while let (index, record) = try await group.next() {
                completed[index] = record
                launch()
            }
        }
        return completed
    }

    static func isIncomplete(_ container: JSONValue?, key: String) -> Bool {
        guard let container, let items = container[key]?.arrayValue, let total = container["total"]?.intValue else {
            return false
        }
        return total > items.count
    }

    private func complete(_ record: JSONValue, comments: Bool, worklogs: Bool) async throws -> JSONValue {
        guard case .object(var root) = record, case .object(var fields)? = root["fields"],
            let id = record["id"]?.scalarText
        else { return record }
        if comments, Self.isIncomplete(fields["comment"], key: "comments") {
            let all = try await allChildren(issue: id, path: "comment", key: "comments", pageSize: 100)
            fields["comment"] = [
                "comments": .array(all), "total": .number(Double(all.count)), "maxResults": .number(Double(all.count)),
                "startAt": 0,
            ]
        }
        if worklogs, Self.isIncomplete(fields["worklog"], key: "worklogs") {
            let all = try await allChildren(issue: id, path: "worklog", key: "worklogs", pageSize: 5000)
            fields["worklog"] = [
                "worklogs": .array(all), "total": .number(Double(all.count)), "maxResults": .number(Double(all.count)),
                "startAt": 0,
            ]
        }
        root["fields"] = .object(fields)
        return .object(root)
    }

    private func allChildren(issue: String, path: String, key: String, pageSize: Int) async throws -> [JSONValue] {
        var items: [JSONValue] = []
        var startAt = 0
        while true {
            var query = [("startAt", String(startAt)), ("maxResults", String(pageSize))]
            if path == "comment" { query.append(("orderBy", "created")) }
            let page = try await call(
                "issue/\(issue)/\(path)", query: query, context: "reading \(key) of issue \(issue)")
            let batch = page[key]?.arrayValue ?? []
            items += batch
            let total = page["total"]?.intValue ?? items.count
            if batch.isEmpty || items.count >= total { return items }
            startAt += batch.count
        }
    }

    /// One issue by id or key, with every field (comments and worklogs complete).
    public func issue(_ idOrKey: String) async throws -> JSONValue {
        let record = try await call("issue/\(idOrKey)", context: "reading issue \(idOrKey)")
        return try await complete(record, comments: true, worklogs: true)
    }

    // MARK: Reconciliation and reference data

    public func recordIDs(in containers: [String]) async throws -> Set<String> {
        let route = try await resolveRoute()
        let query = RecordQuery(containers: containers, order: .oldestFirst)
        let jql = JQLBuilder(timeZoneIdentifier: try await userTimeZone()).jql(for: query)
        var ids = Set<String>()
        if route.deployment == .cloud {
            var token: String?
            repeat {
                var body: JSONValue = ["jql": .string(jql), "fields": ["id"], "maxResults": 5000]
                if let token, case .object(var object) = body {
                    object["nextPageToken"] = .string(token)
                    body = .object(object)
                }
                let page = try await call("search/jql", method: "POST", body: body, context: "listing issue ids")
                for issue in page["issues"]?.arrayValue ?? [] { if let id = issue["id"]?.scalarText { ids.insert(id) } }
                token = (page["isLast"]?.boolValue ?? true) ? nil : page["nextPageToken"]?.stringValue
            } while token != nil
        } else {
            var startAt = 0
            while true {
                let page = try await call(
                    "search", method: "POST",
                    body: [
                        "jql": .string(jql), "startAt": .number(Double(startAt)), "maxResults": 1000, "fields": ["id"],
                    ],
                    context: "listing issue ids")
                let issues = page["issues"]?.arrayValue ?? []
                for issue in issues { if let id = issue["id"]?.scalarText { ids.insert(id) } }
                startAt += issues.count
                if issues.isEmpty || startAt >= (page["total"]?.intValue ?? 0) { break }
            }
        }
        return ids
    }

    public func referenceData() async throws -> [ReferenceRecord] {
        let route = try await resolveRoute()
        var records: [ReferenceRecord] = []
        func add(_ kind: String, _ values: [JSONValue], id: String = "id", name: String = "name") {
            for value in values {
                guard let identifier = value[id]?.scalarText else { continue }
                records.append(ReferenceRecord(kind: kind, id: identifier, name: value[name]?.scalarText, data: value))
            }
        }
        let cloud = route.deployment == .cloud
        add("statuses", try await call("status", context: "reading statuses").arrayValue ?? [])
        add(
            "status_categories", try await call("statuscategory", context: "reading status categories").arrayValue ?? []
        )
        add("issue_types", try await call("issuetype", context: "reading issue types").arrayValue ?? [])
        add(
            "priorities",
            cloud
                ? try await call("priority/search", query: [("maxResults", "50")], context: "reading priorities")[
                    "values"]?.arrayValue ?? []
                : try await call("priority", context: "reading priorities").arrayValue ?? [])
        add(
            "resolutions",
            cloud
                ? try await call("resolution/search", query: [("maxResults", "50")], context: "reading resolutions")[
                    "values"]?.arrayValue ?? []
                : try await call("resolution", context: "reading resolutions").arrayValue ?? [])
        add(
            "project_categories",
            try await call("projectCategory", context: "reading project categories").arrayValue ?? [])
        add(
            "project_types", try await call("project/type", context: "reading project types").arrayValue ?? [],
            id: "key", name: "formattedKey")
        if cloud {
            var startAt = 0
            while true {
                let users =
                    try await call(
                        "users/search", query: [("startAt", String(startAt)), ("maxResults", "1000")],
                        context: "reading users"
                    ).arrayValue ?? []
                add("users", users, id: "accountId", name: "displayName")
                if users.count < 1000 { break }
                startAt += users.count
            }
        } else {
            add(
                "users",
                try await call(
                    "user/search", query: [("username", "."), ("maxResults", "1000")], context: "reading users"
                ).arrayValue ?? [], id: "key", name: "displayName")
        }
        return records
    }
}
