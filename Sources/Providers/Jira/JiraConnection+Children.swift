import Foundation
import ImportCore

extension JiraConnection {
    /// The page with the comment and worklog pages its search did not embed, a few issues at a time.
    public func complete(_ page: RecordPage, for query: RecordQuery) async throws -> RecordPage {
        if page.records.first?[Self.listedOnlyKey] != nil { return try await completeBulk(page, for: query) }
        let records = try await completeChildren(page.records, query: query, fields: Self.requestedFields(query))
        return RecordPage(records: records, next: page.next, estimatedTotal: page.estimatedTotal)
    }

    /// Fetches the comment and worklog pages a search result did not embed, a few issues at a time;
    /// the changelog's too when the query reads it, unless `changelog` says otherwise.
    func completeChildren(
        _ records: [JSONValue], query: RecordQuery, fields: Set<String>, changelog: Bool? = nil
    ) async throws -> [JSONValue] {
        let wantComments = query.children.contains(.comment) && fields.contains("comment")
        let wantWorklogs = query.children.contains(.worklog) && fields.contains("worklog")
        let wantChangelog = changelog ?? Self.wantsChangelog(query)
        guard wantComments || wantWorklogs || wantChangelog else { return records }
        var incomplete: [Int] = []
        for (index, record) in records.enumerated() {
            if (wantComments && Self.isIncomplete(record["fields"]?["comment"], key: "comments"))
                || (wantWorklogs && Self.isIncomplete(record["fields"]?["worklog"], key: "worklogs"))
                || (wantChangelog && Self.isIncomplete(record["changelog"], key: "histories"))
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
                    (
                        index,
                        try await self.complete(
                            record, comments: wantComments, worklogs: wantWorklogs, changelog: wantChangelog)
                    )
                }
            }
            for _ in 0..<childConcurrency { launch() }
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

    func complete(_ record: JSONValue, comments: Bool, worklogs: Bool, changelog: Bool = false) async throws
        -> JSONValue
    {
        guard case .object(var root) = record, case .object(var fields)? = root["fields"],
            let id = record["id"]?.scalarText
        else { return record }
        // The three lists are read at once: an issue waits for the longest, not for their sum.
        let wantComments = comments && Self.isIncomplete(fields["comment"], key: "comments")
        let wantWorklogs = worklogs && Self.isIncomplete(fields["worklog"], key: "worklogs")
        let wantHistories = changelog && Self.isIncomplete(root["changelog"], key: "histories")
        let (commentTotal, worklogTotal) = (
            fields["comment"]?["total"]?.intValue, fields["worklog"]?["total"]?.intValue
        )
        let historyTotal = root["changelog"]?["total"]?.intValue
        async let commentList = children(
            wantComments, issue: id, path: "comment", key: "comments", pageSize: 100, total: commentTotal)
        async let worklogList = children(
            wantWorklogs, issue: id, path: "worklog", key: "worklogs", pageSize: 5000, total: worklogTotal)
        async let historyList = wantHistories ? allHistories(issue: id, total: historyTotal) : []
        let (commentItems, worklogItems, histories) = try await (commentList, worklogList, historyList)
        if wantComments { fields["comment"] = Self.wholeList("comments", commentItems) }
        if wantWorklogs { fields["worklog"] = Self.wholeList("worklogs", worklogItems) }
        root["fields"] = .object(fields)
        if wantHistories { root["changelog"] = Self.wholeList("histories", histories) }
        return .object(root)
    }

    /// A list container as Jira embeds one, holding all of `items` (`total` and `maxResults` their count).
    static func wholeList(_ key: String, _ items: [JSONValue]) -> JSONValue {
        [
            .init(key): .array(items), "total": .number(Double(items.count)),
            "maxResults": .number(Double(items.count)), "startAt": 0,
        ]
    }

    /// One page of an issue's comments, worklogs or changelog from `start`.
    func childPage(issue: String, path: String, start: Int, pageSize: Int, context: String) async throws
        -> JSONValue
    {
        var query = [("startAt", String(start)), ("maxResults", String(pageSize))]
        if path == "comment" { query.append(("orderBy", "created")) }
        return try await call("issue/\(JiraRoute.segment(issue))/\(path)", query: query, context: context)
    }

    /// Every history of an issue: Cloud pages them through `/issue/{id}/changelog` (oldest first);
    /// Data Center has no such endpoint, and sends them all with the issue when `changelog` is expanded.
    func allHistories(issue id: String, total: Int? = nil) async throws -> [JSONValue] {
        if try await resolveRoute().deployment == .cloud {
            return try await allChildren(issue: id, path: "changelog", key: "values", pageSize: 100, total: total)
        }
        let context = "reading the changelog of issue \(id)"
        let record = try await call(
            "issue/\(JiraRoute.segment(id))", query: [("expand", "changelog"), ("fields", "updated")],
            context: context)
        guard let changelog = record["changelog"] else { return [] }
        return try JiraAnswer.list(changelog, "histories", context: context)
    }

    /// Most comments or worklogs read for one issue: a guard against a source that never stops.
    static let maxChildrenPerIssue = 100_000

    /// `allChildren` when `wanted`, else nothing.
    func children(_ wanted: Bool, issue: String, path: String, key: String, pageSize: Int, total: Int?)
        async throws -> [JSONValue]
    {
        guard wanted else { return [] }
        return try await allChildren(issue: issue, path: path, key: key, pageSize: pageSize, total: total)
    }

    /// Pages of one issue's list read at once when its total is known.
    static let maxParallelChildPages = 20

    /// Every comment or worklog of an issue, up to the `total` the first page gave. When the issue
    /// already said its total, its pages are asked for at once; should they not add up to it (a
    /// server that sends shorter pages, a list that changed), they are read again one after another.
    func allChildren(issue: String, path: String, key: String, pageSize: Int, total known: Int? = nil)
        async throws -> [JSONValue]
    {
        let context = "reading \(key) of issue \(issue)"
        if let known, known > pageSize, known <= pageSize * Self.maxParallelChildPages,
            let items = try await childPagesAtOnce(
                issue: issue, path: path, key: key, pageSize: pageSize, total: known, context: context)
        {
            return items
        }
        var items: [JSONValue] = []
        var seen = Set<String>()
        var startAt = 0
        var expected: Int?
        while true {
            let page = try await childPage(
                issue: issue, path: path, start: startAt, pageSize: pageSize, context: context)
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

    /// The pages of a list whose total is known, all asked for at once, in order and without repeats;
    /// `nil` when they do not add up to the total.
    func childPagesAtOnce(issue: String, path: String, key: String, pageSize: Int, total: Int, context: String)
        async throws -> [JSONValue]?
    {
        let starts = Array(stride(from: 0, to: total, by: pageSize))
        var pages: [Int: [JSONValue]] = [:]
        try await withThrowingTaskGroup(of: (Int, [JSONValue]).self) { group in
            for start in starts {
                group.addTask {
                    let page = try await self.childPage(
                        issue: issue, path: path, start: start, pageSize: pageSize, context: context)
                    return (start, try JiraAnswer.list(page, key, context: context))
                }
            }
            for try await (start, batch) in group { pages[start] = batch }
        }
        var seen = Set<String>()
        let items = starts.flatMap { pages[$0] ?? [] }.filter { item in
            item["id"]?.scalarText.map { seen.insert($0).inserted } ?? true
        }
        return items.count == total ? items : nil
    }

    /// One issue by id or key, with every field (comments and worklogs complete).
    public func issue(_ idOrKey: String) async throws -> JSONValue {
        let record = try await call(
            "issue/\(JiraRoute.segment(idOrKey))", query: [("expand", "changelog")], context: "reading issue \(idOrKey)"
        )
        return try await complete(record, comments: true, worklogs: true, changelog: true)
    }
}
