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
        var cloudID: String?
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
            throw JiraErrors.from(error, context: context).redacted(by: client.redactor)
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
        let infoURL = try route(site, "/rest/api/2/serverInfo")
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
                    hint: JiraErrors.hint(404, messages: [], headers: headers)
                ).redacted(by: client.redactor)
            }
            throw JiraErrors.from(error, context: "reading the site's serverInfo").redacted(by: client.redactor)
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

    /// Cloud: the site's cloud id, which stays when the site is renamed; Data Center: the site URL.
    public func sourceInstance() async throws -> String {
        let route = try await resolveRoute()
        guard route.deployment == .cloud else { return site }
        if let known = route.cloudID ?? state.withLock({ $0.cloudID }) { return known }
        let id = try await tenantCloudID()
        state.withLock { $0.cloudID = id }
        return id
    }

    /// The site's cloud id from `/_edge/tenant_info` (unauthenticated): letters, digits and dashes.
    func tenantCloudID() async throws -> String {
        let info: JSONValue
        let url = try route(site, "/_edge/tenant_info")
        do {
            (_, info) = try await client.sendJSON(HTTPRequest(url: url), authenticate: false)
        } catch {
            throw JiraErrors.from(error, context: "reading the site's cloud id").redacted(by: client.redactor)
        }
        guard let id = info["cloudId"]?.stringValue, !id.isEmpty, id.count <= 100,
            id.unicodeScalars.allSatisfy({ ($0.isASCII && CharacterSet.alphanumerics.contains($0)) || $0 == "-" })
        else {
            throw JiraErrors.malformed(
                context: "reading the site's cloud id", detail: "tenant_info has no usable cloudId")
        }
        return id
    }

    /// `base` followed by `path`; an error instead of a trap if that is no URL.
    func route(_ base: String, _ path: String) throws(ProviderError) -> URL {
        guard let url = URL(string: base + path) else {
            throw ProviderError(
                provider: JiraProvider.id, kind: .configuration, message: "\(base)\(path) is not a URL",
                hint: "Check the connection's site URL.")
        }
        return url
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
        settings["instance"] = try await sourceInstance()
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

    /// Pages in a row that bring no issue before a search is declared stuck.
    static let maxPagesWithoutProgress = 20

    /// Cloud: the enhanced search. The page token continues a search; a stored cursor whose token is
    /// refused (tokens expire after 7 days) continues from its keyset position instead. Pages of issues
    /// already seen (a resume inside one busy minute) are read past; a page that brings no new issue,
    /// a token Jira sent before, or empty pages that keep promising more stop with `noProgress`.
    private func cloudPage(
        _ query: RecordQuery, cursor: JiraCursor, builder: JQLBuilder, fields: [String], maxResults: Int
    )
        async throws -> SearchPage
    {
        let context = "searching issues"
        var useToken = cursor.token
        var tokens = Set(cursor.token.map { [$0] } ?? [])
        var seenIDs = Set<String>()
        var emptyPages = 0
        // The first page of a search also asks for the total (for progress), alongside the search itself.
        var counting: Task<Int?, Never>?
        if cursor.position == nil && cursor.token == nil {
            let countJQL = try builder.jql(for: query)
            counting = Task {
                try? await self.call(
                    "search/approximate-count", method: "POST", body: ["jql": .string(countJQL)],
                    context: "counting issues"
                )["count"]?.intValue
            }
        }
        while true {
            let jql = try builder.jql(for: query, after: useToken == nil ? cursor.position : nil)
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
                response = try await call("search/jql", method: "POST", body: body, context: context)
            } catch let error as ProviderError where error.status == 400 && useToken != nil && useToken == cursor.token
            {
                useToken = nil
                continue
            }
            let raw = try JiraAnswer.list(response, "issues", context: context)
            let token = try JiraAnswer.text(response, "nextPageToken", context: context)
            let isLast = try JiraAnswer.flag(response, "isLast", context: context) ?? (token == nil)
            let issues = useToken == nil ? cursor.issues(after: raw, order: query.order) : raw
            if !isLast {
                guard let token else {
                    throw JiraErrors.malformed(
                        context: context, detail: "isLast is false but there is no nextPageToken")
                }
                guard tokens.insert(token).inserted else {
                    throw JiraErrors.noProgress(context: context, detail: "Jira sent a page token it had sent before")
                }
                if raw.isEmpty {
                    emptyPages += 1
                    guard emptyPages < Self.maxPagesWithoutProgress else {
                        throw JiraErrors.noProgress(
                            context: context,
                            detail: "\(emptyPages) empty pages in a row, each saying more issues would follow")
                    }
                } else {
                    emptyPages = 0
                    let fresh = raw.compactMap { $0["id"]?.scalarText }.filter { seenIDs.insert($0).inserted }
                    guard !fresh.isEmpty else {
                        throw JiraErrors.noProgress(
                            context: context, detail: "Jira sent a page of issues it had sent before")
                    }
                }
                if issues.isEmpty {
                    // Every issue on this page was handed out before the resume point: read on.
                    useToken = token
                    continue
                }
            }
            let total = await counting?.value
            return SearchPage(records: issues, isLast: isLast, token: isLast ? nil : token, offset: 0, total: total)
        }
    }

    /// Data Center: `/rest/api/2/search` with `startAt`. Offsets shift when issues change during a
    /// run (JRASERVER-69860), so every page starts a new keyset window after the last record seen.
    /// The end is judged by `total` (a server may cap `maxResults` below what was asked); an empty page
    /// before it, or a page of issues already seen, stops with `noProgress`.
    private func dataCenterPage(
        _ query: RecordQuery, cursor: JiraCursor, builder: JQLBuilder, fields: [String], maxResults: Int
    ) async throws -> SearchPage {
        let context = "searching issues"
        var offset = cursor.offset
        var seenIDs = Set<String>()
        while true {
            let jql = try builder.jql(for: query, after: cursor.position)
            let response = try await call(
                "search", method: "POST",
                body: [
                    "jql": .string(jql), "startAt": .number(Double(offset)), "maxResults": .number(Double(maxResults)),
                    "fields": .array(fields.map(JSONValue.string)),
                ], context: context)
            let raw = try JiraAnswer.list(response, "issues", context: context)
            let total = try JiraAnswer.requiredCount(response, "total", context: context)
            let isLast = offset + raw.count >= total
            if !isLast {
                guard !raw.isEmpty else {
                    throw JiraErrors.noProgress(
                        context: context, detail: "Jira said \(total) issues match but sent none from startAt \(offset)"
                    )
                }
                let fresh = raw.compactMap { $0["id"]?.scalarText }.filter { seenIDs.insert($0).inserted }
                guard !fresh.isEmpty else {
                    throw JiraErrors.noProgress(
                        context: context, detail: "Jira sent the same issues again for startAt \(offset)")
                }
            }
            let issues = cursor.issues(after: raw, order: query.order)
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

    /// Most comments or worklogs read for one issue: a guard against a source that never stops.
    static let maxChildrenPerIssue = 100_000

    /// Every comment or worklog of an issue, page by page, up to the `total` the first page gave.
    private func allChildren(issue: String, path: String, key: String, pageSize: Int) async throws -> [JSONValue] {
        let context = "reading \(key) of issue \(issue)"
        var items: [JSONValue] = []
        var seen = Set<String>()
        var startAt = 0
        var expected: Int?
        while true {
            var query = [("startAt", String(startAt)), ("maxResults", String(pageSize))]
            if path == "comment" { query.append(("orderBy", "created")) }
            let page = try await call("issue/\(issue)/\(path)", query: query, context: context)
            let batch = try JiraAnswer.list(page, key, context: context)
            let total = try JiraAnswer.count(page, "total", context: context) ?? (items.count + batch.count)
            if expected == nil { expected = total }
            let limit = min(expected ?? total, Self.maxChildrenPerIssue)
            let fresh = batch.filter { item in item["id"]?.scalarText.map { seen.insert($0).inserted } ?? true }
            items += fresh
            if batch.isEmpty || items.count >= limit { return Array(items.prefix(limit)) }
            guard !fresh.isEmpty else {
                throw JiraErrors.noProgress(
                    context: context, detail: "Jira sent the same \(key) again for startAt \(startAt)")
            }
            startAt += batch.count
        }
    }

    /// One issue by id or key, with every field (comments and worklogs complete).
    public func issue(_ idOrKey: String) async throws -> JSONValue {
        let record = try await call("issue/\(idOrKey)", context: "reading issue \(idOrKey)")
        return try await complete(record, comments: true, worklogs: true)
    }

    // MARK: Reconciliation and reference data

    /// Every issue id in `containers`. The listing must be known to be whole: a malformed page, a page
    /// without `isLast` (Cloud) or `total` (Data Center), or one that brings no new id is an error, so
    /// delete reconciliation never marks tasks deleted from a partial listing.
    public func recordIDs(in containers: [String]) async throws -> Set<String> {
        let context = "listing issue ids"
        let route = try await resolveRoute()
        let query = RecordQuery(containers: containers, order: .oldestFirst)
        let jql = try JQLBuilder(timeZoneIdentifier: try await userTimeZone()).jql(for: query)
        var ids = Set<String>()
        if route.deployment == .cloud {
            var token: String?
            var tokens = Set<String>()
            repeat {
                var body: JSONValue = ["jql": .string(jql), "fields": ["id"], "maxResults": 5000]
                if let token, case .object(var object) = body {
                    object["nextPageToken"] = .string(token)
                    body = .object(object)
                }
                let page = try await call("search/jql", method: "POST", body: body, context: context)
                let batch = try JiraAnswer.ids(try JiraAnswer.list(page, "issues", context: context), context: context)
                guard let isLast = try JiraAnswer.flag(page, "isLast", context: context) else {
                    throw JiraErrors.malformed(context: context, detail: "the page does not say whether it is the last")
                }
                let before = ids.count
                ids.formUnion(batch)
                if isLast { break }
                guard let next = try JiraAnswer.text(page, "nextPageToken", context: context) else {
                    throw JiraErrors.malformed(
                        context: context, detail: "isLast is false but there is no nextPageToken")
                }
                guard tokens.insert(next).inserted, ids.count > before else {
                    throw JiraErrors.noProgress(context: context, detail: "a page brought no new issue id")
                }
                token = next
            } while true
        } else {
            var startAt = 0
            while true {
                let page = try await call(
                    "search", method: "POST",
                    body: [
                        "jql": .string(jql), "startAt": .number(Double(startAt)), "maxResults": 1000, "fields": ["id"],
                    ],
                    context: context)
                let batch = try JiraAnswer.ids(try JiraAnswer.list(page, "issues", context: context), context: context)
                let total = try JiraAnswer.requiredCount(page, "total", context: context)
                let before = ids.count
                ids.formUnion(batch)
                startAt += batch.count
                if startAt >= total { break }
                guard ids.count > before else {
                    throw JiraErrors.noProgress(
                        context: context,
                        detail: "Jira said \(total) issues match but the page from \(startAt) brought no new id")
                }
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
