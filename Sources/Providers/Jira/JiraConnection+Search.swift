import Foundation
import ImportCore

extension JiraConnection {
    /// One page of the search as Jira lists it (its `next` known at once); the children the search
    /// did not embed are fetched by `complete`, while the engine lists the next page.
    public func page(_ query: RecordQuery, from cursor: PageCursor?) async throws -> RecordPage {
        let route = try await resolveRoute()
        let builder = JQLBuilder(timeZoneIdentifier: try await userTimeZone())
        let current = try cursor.map(JiraCursor.decode) ?? JiraCursor(position: nil)
        var total: Int?
        if current.bulk { return try await bulkPage(query, cursor: current, builder: builder, total: nil) }
        if route.deployment == .cloud {
            if cursor == nil {
                // A fresh run counts first: a large one lists ids and fetches the issues in bulk.
                // A full run (no lower bound) is the one likely to be large: its first listing goes
                // out with the count, so that it need not wait for it. An incremental run keeps its
                // two requests.
                let started = Date()
                let listing =
                    mayFetchInBulk(query)
                    ? Task { try await listIDs(query, after: nil, token: nil, builder: builder) } : nil
                total = await approximateCount(query, builder: builder)
                if usesBulkFetch(total: total, countSeconds: Date().timeIntervalSince(started), query: query) {
                    return try await bulkPage(
                        query, cursor: JiraCursor(position: nil, bulk: true), builder: builder, total: total,
                        listed: listing)
                }
                listing?.cancel()
            }
        } else if cursor == nil, mayFetchInBulk(query) {
            // Data Center has no count: a full run's first id listing says how many issues match
            // (exactly) and how far the site is. Listed, they are fetched in bulk or not at all.
            let started = Date()
            let listing = try await listDataCenterIDs(query, after: nil, builder: builder)
            total = listing?.total
            if usesBulkFetch(total: total, countSeconds: Date().timeIntervalSince(started), query: query) {
                return try await bulkPage(
                    query, cursor: JiraCursor(position: nil, bulk: true), builder: builder, total: total,
                    listed: Task { listing })
            }
        }
        let wanted = max(1, min(query.pageSize, query.limit ?? .max))
        var search = try await searchPage(
            route, query, cursor: current, builder: builder, fields: Self.requestedFields(query).sorted(),
            maxResults: wanted)
        if search.total == nil { search.total = total }
        var records = search.records
        if let limit = query.limit, records.count > limit { records = Array(records.prefix(limit)) }
        let exhausted = search.isLast || (query.limit.map { records.count >= $0 } ?? false)
        var next: JiraCursor?
        if !exhausted {
            next = JiraCursor(
                position: records.last.flatMap(JiraCursor.position) ?? current.position, token: search.token,
                offset: search.offset)
        }
        return RecordPage(records: records, next: next?.encoded, estimatedTotal: search.total)
    }

    /// How many issues `query` matches, by Jira's estimate (for progress, and to choose bulk fetching);
    /// `nil` when Jira does not say.
    func approximateCount(_ query: RecordQuery, builder: JQLBuilder) async -> Int? {
        guard let jql = try? builder.jql(for: query) else { return nil }
        return try? await call(
            "search/approximate-count", method: "POST", body: ["jql": .string(jql)], context: "counting issues"
        )["count"]?.intValue
    }

    /// The Jira fields a query asks for: only those the mapping reads (plus `updated`, which the
    /// cursor needs); every field when no mapping says.
    static func requestedFields(_ query: RecordQuery) -> Set<String> {
        guard !query.fields.isEmpty else { return ["*all", "comment", "worklog"] }
        return Set(query.fields.compactMap { fieldName($0) }).union(["updated"])
    }

    /// Whether the mapping reads the changelog (`changelog.histories…`): searches then expand it.
    static func wantsChangelog(_ query: RecordQuery) -> Bool {
        query.fields.isEmpty || query.fields.contains { $0 == "changelog" || $0.hasPrefix("changelog.") }
    }

    /// What a search is for: records to import (with a total for progress), or a listing of ids that
    /// must be known to be whole (delete reconciliation: a page that does not say it is the last is an
    /// error, never the end).
    enum SearchPurpose: Sendable {
        case records
        case wholeListing
    }

    func searchPage(
        _ route: JiraRoute, _ query: RecordQuery, cursor: JiraCursor, builder: JQLBuilder, fields: [String],
        maxResults: Int, purpose: SearchPurpose = .records
    ) async throws -> SearchPage {
        route.deployment == .cloud
            ? try await cloudPage(
                query, cursor: cursor, builder: builder, fields: fields, maxResults: maxResults, purpose: purpose)
            : try await dataCenterPage(query, cursor: cursor, builder: builder, fields: fields, maxResults: maxResults)
    }

    struct SearchPage: Sendable {
        var records: [JSONValue]
        var isLast: Bool
        var token: String?
        var offset: Int
        var total: Int?
        /// When the page was answered, by the server's clock (milliseconds since 1970), if it said.
        var answeredAt: Int64? = nil
    }

    /// The token that continues a page that is not the last: one that says more follow without a
    /// token, or with one Jira sent before (`seen`), stops the search.
    static func nextToken(_ token: String?, seen: inout Set<String>, context: String) throws -> String {
        guard let token else {
            throw JiraErrors.malformed(context: context, detail: "isLast is false but there is no nextPageToken")
        }
        guard seen.insert(token).inserted else {
            throw JiraErrors.noProgress(context: context, detail: "Jira sent a page token it had sent before")
        }
        return token
    }

    /// Counts one more empty page that says more issues follow: too many in a row stop the search.
    static func countEmptyPage(_ emptyPages: inout Int, context: String) throws {
        emptyPages += 1
        guard emptyPages < maxPagesWithoutProgress else {
            throw JiraErrors.noProgress(
                context: context, detail: "\(emptyPages) empty pages in a row, each saying more issues would follow")
        }
    }

    /// Pages in a row that bring no issue before a search is declared stuck.
    static let maxPagesWithoutProgress = 20

    /// Cloud: the enhanced search. The page token continues a search; a stored cursor whose token is
    /// refused (tokens expire after 7 days) continues from its keyset position instead. Pages of issues
    /// already seen (a resume inside one busy minute) are read past; a page that brings no new issue,
    /// a token Jira sent before, or empty pages that keep promising more stop with `noProgress`.
    func cloudPage(
        _ query: RecordQuery, cursor: JiraCursor, builder: JQLBuilder, fields: [String], maxResults: Int,
        purpose: SearchPurpose
    )
        async throws -> SearchPage
    {
        let context = purpose == .records ? "searching issues" : "listing issue ids"
        var useToken = cursor.token
        var tokens = Set(cursor.token.map { [$0] } ?? [])
        var seenIDs = Set<String>()
        var emptyPages = 0
        while true {
            let jql = try builder.jql(for: query, after: useToken == nil ? cursor.position : nil)
            var body: [String: JSONValue] = [
                "jql": .string(jql), "fields": .array(fields.map(JSONValue.string)),
                "maxResults": .number(Double(maxResults)),
            ]
            if let useToken { body["nextPageToken"] = .string(useToken) }
            if purpose == .records, Self.wantsChangelog(query) { body["expand"] = "changelog" }
            let response: JSONValue
            do {
                response = try await call("search/jql", method: "POST", body: .object(body), context: context)
            } catch let error as ProviderError where error.status == 400 && useToken != nil && useToken == cursor.token
            {
                useToken = nil
                continue
            }
            let raw = try JiraAnswer.list(response, "issues", context: context)
            let token = try JiraAnswer.text(response, "nextPageToken", context: context)
            let flag = try JiraAnswer.flag(response, "isLast", context: context)
            if purpose == .wholeListing, flag == nil {
                throw JiraErrors.malformed(context: context, detail: "the page does not say whether it is the last")
            }
            let isLast = flag ?? (token == nil)
            let issues = useToken == nil ? cursor.issues(after: raw, order: query.order) : raw
            if !isLast {
                let token = try Self.nextToken(token, seen: &tokens, context: context)
                if raw.isEmpty {
                    try Self.countEmptyPage(&emptyPages, context: context)
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
            return SearchPage(records: issues, isLast: isLast, token: isLast ? nil : token, offset: 0, total: nil)
        }
    }

    /// Data Center: `/rest/api/2/search` with `startAt`. Offsets shift when issues change during a
    /// run (JRASERVER-69860), so every page starts a new keyset window after the last record seen.
    /// The end is judged by `total` (a server may cap `maxResults` below what was asked); an empty page
    /// before it, or a page of issues already seen, stops with `noProgress`. `expandChangelog` (by
    /// default: when the mapping reads it) embeds each issue's changelog; an id listing does without.
    func dataCenterPage(
        _ query: RecordQuery, cursor: JiraCursor, builder: JQLBuilder, fields: [String], maxResults: Int,
        expandChangelog: Bool? = nil
    ) async throws -> SearchPage {
        let context = "searching issues"
        var offset = cursor.offset
        var seenIDs = Set<String>()
        while true {
            let jql = try builder.jql(for: query, after: cursor.position)
            var body: [String: JSONValue] = [
                "jql": .string(jql), "startAt": .number(Double(offset)), "maxResults": .number(Double(maxResults)),
                "fields": .array(fields.map(JSONValue.string)),
            ]
            if expandChangelog ?? Self.wantsChangelog(query) { body["expand"] = ["changelog"] }
            let (http, response) = try await exchange("search", method: "POST", body: .object(body), context: context)
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
                records: issues, isLast: isLast, token: nil, offset: 0, total: cursor.position == nil ? total : nil,
                answeredAt: Self.serverMilliseconds(http))
        }
    }

    /// The Jira field id a source path reads (`fields.status.name` → `status`).
    static func fieldName(_ path: String) -> String? {
        guard path.hasPrefix("fields.") else { return nil }
        let rest = path.dropFirst(7)
        let name = rest.prefix { $0 != "." && $0 != "[" }
        return name.isEmpty ? nil : String(name)
    }
}
