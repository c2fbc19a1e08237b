import Foundation
import ImportCore

// Jira Cloud's `POST /rest/api/3/changelog/bulkfetch`: the long changelogs of a bulk page in one
// listing instead of pages per issue (an issue fetched in bulk embeds 40 histories at most).
extension JiraConnection {
    /// Issues one changelog listing names at most (Jira's limit), and histories it asks a page for.
    static let issuesPerChangelogListing = 1000
    static let historiesPerChangelogPage = 1000

    /// The whole changelogs of the `records` whose bulk fetch cut them short, by issue id, read
    /// through one listing for them all; empty when none was cut short or the site answers 404 for
    /// the endpoint (then `completeChildren` reads each through its own pages).
    func longChangelogs(of records: [JSONValue]) async throws -> [String: [JSONValue]] {
        let ids = records.filter { Self.isIncomplete($0["changelog"], key: "histories") }.compactMap {
            $0["id"]?.scalarText
        }
        guard !ids.isEmpty, !state.withLock({ $0.noBulkChangelogs }) else { return [:] }
        var histories: [String: [JSONValue]] = [:]
        do {
            for start in stride(from: 0, to: ids.count, by: Self.issuesPerChangelogListing) {
                let chunk = Array(ids[start..<min(ids.count, start + Self.issuesPerChangelogListing)])
                histories.merge(try await bulkChangelogs(chunk)) { _, new in new }
            }
        } catch let error as ProviderError where error.kind == .notFound {
            state.withLock { $0.noBulkChangelogs = true }
            return [:]
        }
        return histories
    }

    /// `records` with each changelog cut short replaced by the whole one in `histories`. A changelog
    /// the listing did not bring whole (it grew meanwhile, the issue is not in it) stays as it was,
    /// for `completeChildren` to read through its own pages.
    static func withChangelogs(_ records: [JSONValue], _ histories: [String: [JSONValue]]) -> [JSONValue] {
        guard !histories.isEmpty else { return records }
        return records.map { record in
            guard case .object(var root) = record, Self.isIncomplete(root["changelog"], key: "histories"),
                let id = root["id"]?.scalarText, let total = root["changelog"]?["total"]?.intValue,
                let list = histories[id], list.count >= total
            else { return record }
            root["changelog"] = Self.wholeList("histories", list)
            return .object(root)
        }
    }

    /// Every history of the issues `ids` name, by issue, oldest first: the listing's pages merged
    /// (an issue may appear on several), each history once.
    func bulkChangelogs(_ ids: [String]) async throws -> [String: [JSONValue]] {
        let context = "reading the changelogs of \(ids.count) issues"
        let asked = Set(ids)
        var byIssue: [String: [JSONValue]] = [:]
        var seen = Set<String>()
        var tokens = Set<String>()
        var token: String?
        var pagesWithoutProgress = 0
        while true {
            var body: [String: JSONValue] = [
                "issueIdsOrKeys": .array(ids.map(JSONValue.string)),
                "maxResults": .number(Double(Self.historiesPerChangelogPage)),
            ]
            if let token { body["nextPageToken"] = .string(token) }
            let json = try await call("changelog/bulkfetch", method: "POST", body: .object(body), context: context)
            var fresh = 0
            for log in try JiraAnswer.list(json, "issueChangeLogs", context: context) {
                guard let issue = log["issueId"]?.scalarText, asked.contains(issue) else {
                    throw JiraErrors.malformed(
                        context: context, detail: "a changelog of an issue that was not asked for")
                }
                for history in try JiraAnswer.list(log, "changeHistories", context: context) {
                    guard let id = history["id"]?.scalarText else {
                        throw JiraErrors.malformed(context: context, detail: "a history without an id")
                    }
                    // A history seen before, or past the most an issue may have, is no progress.
                    guard (byIssue[issue]?.count ?? 0) < Self.maxChildrenPerIssue,
                        seen.insert(issue + "/" + id).inserted
                    else { continue }
                    byIssue[issue, default: []].append(history)
                    fresh += 1
                }
            }
            guard let next = try JiraAnswer.text(json, "nextPageToken", context: context) else { return byIssue }
            if fresh == 0 { try Self.countEmptyPage(&pagesWithoutProgress, context: context) }
            token = try Self.nextToken(next, seen: &tokens, context: context)
        }
    }
}
