import Foundation
import ImportCore

extension JiraConnection {
    /// The page with the comment and worklog pages its search did not embed, a few issues at a time.
    public func complete(_ page: RecordPage, for query: RecordQuery) async throws -> RecordPage {
        if page.records.first?[Self.listedOnlyKey] != nil { return try await completeBulk(page, for: query) }
        let records = try await completeChildren(page.records, query: query, fields: Self.requestedFields(query))
        return RecordPage(records: records, next: page.next, estimatedTotal: page.estimatedTotal)
    }

    /// Fetches the comment and worklog pages a search result did not embed, a few issues at a time.
    func completeChildren(_ records: [JSONValue], query: RecordQuery, fields: Set<String>) async throws
        -> [JSONValue]
    {
        let wantComments = query.children.contains(.comment) && fields.contains("comment")
        let wantWorklogs = query.children.contains(.worklog) && fields.contains("worklog")
        let wantChangelog = Self.wantsChangelog(query)
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

    func complete(_ record: JSONValue, comments: Bool, worklogs: Bool, changelog: Bool = false) async throws
        -> JSONValue
    {
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
        if changelog, Self.isIncomplete(root["changelog"], key: "histories") {
            let all = try await allHistories(issue: id)
            root["changelog"] = [
                "histories": .array(all), "total": .number(Double(all.count)), "maxResults": .number(Double(all.count)),
                "startAt": 0,
            ]
        }
        return .object(root)
    }

    /// Every history of an issue: Cloud pages them through `/issue/{id}/changelog` (oldest first);
    /// Data Center has no such endpoint, and sends them all with the issue when `changelog` is expanded.
    func allHistories(issue id: String) async throws -> [JSONValue] {
        if try await resolveRoute().deployment == .cloud {
            return try await allChildren(issue: id, path: "changelog", key: "values", pageSize: 100)
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

    /// Every comment or worklog of an issue, page by page, up to the `total` the first page gave.
    func allChildren(issue: String, path: String, key: String, pageSize: Int) async throws -> [JSONValue] {
        let context = "reading \(key) of issue \(issue)"
        var items: [JSONValue] = []
        var seen = Set<String>()
        var startAt = 0
        var expected: Int?
        while true {
            var query = [("startAt", String(startAt)), ("maxResults", String(pageSize))]
            if path == "comment" { query.append(("orderBy", "created")) }
            let page = try await call("issue/\(JiraRoute.segment(issue))/\(path)", query: query, context: context)
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
        let record = try await call(
            "issue/\(JiraRoute.segment(idOrKey))", query: [("expand", "changelog")], context: "reading issue \(idOrKey)"
        )
        return try await complete(record, comments: true, worklogs: true, changelog: true)
    }
}
