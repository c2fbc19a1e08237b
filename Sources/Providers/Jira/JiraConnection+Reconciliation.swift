import Foundation
import ImportCore

extension JiraConnection {
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
}
