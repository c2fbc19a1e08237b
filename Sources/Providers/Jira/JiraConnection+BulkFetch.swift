import Foundation
import ImportCore

// Jira at scale: ids listed first (Cloud 5,000 a request, Data Center 1,000), then the issues
// fetched 100 a request (Cloud through `issue/bulkfetch`, Data Center through a search for their
// ids), several pages at once, so the run no longer waits on the search's chain of pages.
extension JiraConnection {
    /// Ids one listing request asks for (Jira Cloud's most for an id-only search).
    static let idsPerListing = 5000
    /// Ids one Data Center listing asks for (the most its search returns by default).
    static let idsPerDataCenterListing = 1000
    /// Issues one bulk fetch asks for: the most Jira allows when comments or worklogs are wanted.
    static let issuesPerBulkFetch = 100
    /// How long before a listing an issue must have last changed for its position to be stored as
    /// the point a resumed run continues from: an issue changed after it was listed may have moved.
    static let settledMilliseconds: Int64 = 60_000
    /// What marks a record as listed only: `complete` fetches the issue it stands for.
    static let listedOnlyKey = "tributary.listedOnly"

    /// An answer at least this slow says the site is far enough for bulk fetching to pay: nearer,
    /// the search chain costs less than the extra requests and the parallel parsing.
    static let farSeconds = 0.025

    /// Whether a fresh run of `query` goes through bulk fetching: on Cloud, when it matches more
    /// than a page of issues (an incremental run with a few changes keeps its two requests) and,
    /// unless the config says `always` (`on`) or `never` (`off`), when the count took `farSeconds`.
    func usesBulkFetch(total: Int?, countSeconds: Double, query: RecordQuery) -> Bool {
        guard (total ?? 0) > query.pageSize else { return false }
        switch options.extras["bulkFetch"] {
        case "off": return false
        case "on": return true
        default: return countSeconds >= Self.farSeconds
        }
    }

    /// Whether a fresh run of `query` is worth listing ids for before the count says how large it
    /// is: a full run (no lower bound) that the config does not keep on the search chain and that
    /// may read more than a page.
    func mayFetchInBulk(_ query: RecordQuery) -> Bool {
        query.updatedSince == nil && query.since == nil && options.extras["bulkFetch"] != "off"
            && (query.limit ?? .max) > query.pageSize
    }

    /// The next page of a bulk run: ids from the listing window this cursor continues (listing more
    /// when it is spent, or taking the first listing from `listed` when one is under way), as
    /// records that only name their issue; `complete` fetches them.
    func bulkPage(
        _ query: RecordQuery, cursor: JiraCursor, builder: JQLBuilder, total: Int?,
        listed: Task<JiraIDWindow?, any Error>? = nil
    ) async throws -> RecordPage {
        var window = state.withLock { state -> JiraIDWindow? in
            state.bulkRun = true
            guard let window = state.idWindow, cursor.window == window.number, cursor.offset == window.handed else {
                return nil
            }
            return window
        }
        if window == nil || window?.ids.isEmpty == true {
            let next: JiraIDWindow?
            if let listed, window == nil {
                next = try await withTaskCancellationHandler {
                    try await listed.value
                } onCancel: {
                    listed.cancel()
                }
            } else {
                next = try await listIDs(
                    query, after: window?.continuesAfter ?? cursor.position, token: window?.token, builder: builder)
            }
            window = next.map { listed in
                var listed = listed
                listed.total = listed.total ?? window?.total ?? total
                return listed
            }
        }
        guard var current = window else { return RecordPage(records: [], next: nil, estimatedTotal: total) }
        let wanted = max(1, min(query.pageSize, query.limit ?? .max))
        let ids = current.ids.prefix(wanted)
        current.ids = current.ids.dropFirst(ids.count)
        current.handed += ids.count
        let more = current.hasMore
        let handed = current
        state.withLock { $0.idWindow = handed }
        // Each listed record carries where its listing started: `complete` leaves out what lies before.
        let listing = JiraCursor(position: cursor.position, bulk: true, listedAt: current.listedAt).encoded.value
        let records = ids.map { id -> JSONValue in ["id": .string(id), .init(Self.listedOnlyKey): .string(listing)] }
        let next =
            more
            ? JiraCursor(
                position: cursor.position, offset: current.handed, bulk: true, window: current.number,
                listedAt: current.listedAt
            ).encoded : nil
        return RecordPage(records: records, next: next, estimatedTotal: current.total)
    }

    /// One id listing request after `position` (or continuing `token`): a new window. `nil` when
    /// nothing matches.
    func listIDs(_ query: RecordQuery, after position: JiraCursor.Position?, token: String?, builder: JQLBuilder)
        async throws -> JiraIDWindow?
    {
        if try await resolveRoute().deployment == .dataCenter {
            return try await listDataCenterIDs(query, after: position, builder: builder)
        }
        let context = "listing issues"
        var useToken = token
        var emptyPages = 0
        var tokens = Set(token.map { [$0] } ?? [])
        while true {
            var body: [String: JSONValue] = [
                "jql": .string(try builder.jql(for: query, after: useToken == nil ? position : nil)),
                "fields": ["id"], "maxResults": .number(Double(Self.idsPerListing)),
            ]
            if let useToken { body["nextPageToken"] = .string(useToken) }
            let (response, json) = try await exchange(
                "search/jql", method: "POST", body: .object(body), context: context)
            let raw = try JiraAnswer.list(json, "issues", context: context)
            let next = try JiraAnswer.text(json, "nextPageToken", context: context)
            let isLast = try JiraAnswer.flag(json, "isLast", context: context) ?? (next == nil)
            var seen = Set<String>()
            let ids = try raw.map { issue -> String in
                guard let id = issue["id"]?.scalarText, JiraCursor.isDecimal(id), id.utf8.count <= 40 else {
                    throw JiraErrors.malformed(context: context, detail: "an issue without a numeric id")
                }
                return id
            }.filter { seen.insert($0).inserted }
            let continuation = isLast ? nil : try Self.nextToken(next, seen: &tokens, context: context)
            if ids.isEmpty, !isLast {
                try Self.countEmptyPage(&emptyPages, context: context)
                useToken = continuation
                continue
            }
            guard !ids.isEmpty else { return nil }
            return JiraIDWindow(
                number: nextWindowNumber(), ids: ids[...], token: continuation,
                listedAt: Self.serverMilliseconds(response))
        }
    }

    /// Data Center: one id listing after `position`, read as the search chain reads its pages (by
    /// keyset, past the issues of the position's minute already handed out); its total is exact.
    func listDataCenterIDs(_ query: RecordQuery, after position: JiraCursor.Position?, builder: JQLBuilder)
        async throws -> JiraIDWindow?
    {
        let context = "listing issues"
        let page = try await dataCenterPage(
            query, cursor: JiraCursor(position: position), builder: builder, fields: ["updated"],
            maxResults: Self.idsPerDataCenterListing, expandChangelog: false)
        var seen = Set<String>()
        let listed = try page.records.map { issue -> (id: String, position: JiraCursor.Position) in
            guard let position = JiraCursor.position(of: issue) else {
                throw JiraErrors.malformed(
                    context: context, detail: "an issue without a numeric id or its updated time")
            }
            return (position.id, position)
        }.filter { seen.insert($0.id).inserted }
        guard let last = listed.last else { return nil }
        return JiraIDWindow(
            number: nextWindowNumber(), ids: listed.map(\.id)[...], token: nil, listedAt: page.answeredAt,
            total: page.total, continuesAfter: page.isLast ? nil : last.position)
    }

    /// A window number no earlier window of this connection had.
    func nextWindowNumber() -> Int {
        state.withLock { state -> Int in
            state.windows &+= 1
            return state.windows
        }
    }

    /// When the server answered, by its own clock (milliseconds since 1970), from its `Date` header.
    static func serverMilliseconds(_ response: HTTPResponse) -> Int64? {
        response.headers["date"].flatMap(HTTPDate.parse).map { Int64($0.timeIntervalSince1970 * 1000) }
    }

    /// The issues a bulk page names, fetched 100 a request, all requests of the page at once, in the
    /// listing's order; an issue deleted since it was listed is left out. The page's cursor becomes
    /// the position of its last issue that had settled when it was listed (an issue changed since
    /// may have moved in the order), or stays where the run's listing started.
    func completeBulk(_ page: RecordPage, for query: RecordQuery) async throws -> RecordPage {
        let ids = page.records.compactMap { $0["id"]?.stringValue }
        let fields = Self.requestedFields(query)
        let changelog = Self.wantsChangelog(query)
        let dataCenter = try await resolveRoute().deployment == .dataCenter
        var fetched: [String: JSONValue] = [:]
        try await withThrowingTaskGroup(of: [JSONValue].self) { group in
            for start in stride(from: 0, to: ids.count, by: Self.issuesPerBulkFetch) {
                let chunk = Array(ids[start..<min(ids.count, start + Self.issuesPerBulkFetch)])
                group.addTask {
                    dataCenter
                        ? try await self.searchIssues(chunk, fields: fields.sorted(), changelog: changelog)
                        : try await self.bulkFetch(chunk, fields: fields.sorted(), changelog: changelog)
                }
            }
            for try await issues in group {
                for issue in issues {
                    if let id = issue["id"]?.scalarText { fetched[id] = issue }
                }
            }
        }
        let listing = try (page.records.first?[Self.listedOnlyKey]?.stringValue).map {
            try JiraCursor.decode(PageCursor($0))
        }
        // A listing after a position starts at its minute (JQL's precision): what lies at or before
        // the position itself was handed out before.
        let after = ids.compactMap { fetched[$0] }.filter { issue in
            guard let start = listing?.position, let position = JiraCursor.position(of: issue) else { return true }
            return JiraCursor.isAfter(position, start, order: query.order)
        }
        let records: [JSONValue]
        if changelog && !dataCenter {
            // The long changelogs are listed while the comments and worklogs are read.
            async let histories = longChangelogs(of: after)
            let children = try await completeChildren(after, query: query, fields: fields, changelog: false)
            records = try await completeChildren(
                Self.withChangelogs(children, try await histories), query: query, fields: fields)
        } else {
            records = try await completeChildren(after, query: query, fields: fields)
        }
        guard let next = page.next else {
            return RecordPage(records: records, next: nil, estimatedTotal: page.estimatedTotal)
        }
        var cursor = try JiraCursor.decode(next)
        if let listedAt = cursor.listedAt,
            let settled = records.compactMap(JiraCursor.position).last(where: {
                $0.updated < listedAt - Self.settledMilliseconds
            })
        {
            cursor.position = settled
        }
        return RecordPage(records: records, next: cursor.encoded, estimatedTotal: page.estimatedTotal)
    }

    /// Cloud: the issues `ids` name, through `issue/bulkfetch` (ids it does not know are left out).
    func bulkFetch(_ ids: [String], fields: [String], changelog: Bool) async throws -> [JSONValue] {
        var body: [String: JSONValue] = [
            "issueIdsOrKeys": .array(ids.map(JSONValue.string)), "fields": .array(fields.map(JSONValue.string)),
        ]
        if changelog { body["expand"] = ["changelog"] }
        let json = try await call("issue/bulkfetch", method: "POST", body: .object(body), context: "fetching issues")
        return try JiraAnswer.list(json, "issues", context: "fetching issues")
    }

    /// Data Center: the issues `ids` name, through a search for them. Jira refuses (400) a search
    /// naming an issue deleted since it was listed: the ids are then halved until the missing one is
    /// alone, and left out once the issue itself answers 404.
    func searchIssues(_ ids: [String], fields: [String], changelog: Bool) async throws -> [JSONValue] {
        let context = "fetching issues"
        var body: [String: JSONValue] = [
            "jql": .string("id in (\(ids.joined(separator: ", "))) ORDER BY id ASC"), "startAt": 0,
            "maxResults": .number(Double(ids.count)), "fields": .array(fields.map(JSONValue.string)),
        ]
        if changelog { body["expand"] = ["changelog"] }
        do {
            let issues = try JiraAnswer.list(
                try await call("search", method: "POST", body: .object(body), context: context), "issues",
                context: context)
            let asked = Set(ids)
            guard issues.allSatisfy({ $0["id"]?.scalarText.map(asked.contains) ?? false }) else {
                throw JiraErrors.malformed(
                    context: context, detail: "a search for \(ids.count) issues by id answered with others")
            }
            return issues
        } catch let refused as ProviderError where refused.kind == .badRequest {
            guard ids.count > 1 else {
                if try await issueExists(ids[0]) { throw refused }
                return []
            }
            let half = ids.count / 2
            return try await searchIssues(Array(ids[..<half]), fields: fields, changelog: changelog)
                + searchIssues(Array(ids[half...]), fields: fields, changelog: changelog)
        }
    }

    /// Whether Jira still has the issue `id` (a 404 says it was deleted or can no longer be seen).
    func issueExists(_ id: String) async throws -> Bool {
        do {
            _ = try await call("issue/\(id)", query: [("fields", "id")], context: "checking an issue")
            return true
        } catch let error as ProviderError where error.kind == .notFound {
            return false
        }
    }
}
