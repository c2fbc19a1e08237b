import Foundation
import ImportCore

extension JiraConnection {
    /// Every issue id in `containers`. The listing must be known to be whole: a malformed page, a page
    /// without `isLast` (Cloud) or `total` (Data Center), or one that brings no new id is an error, so
    /// delete reconciliation never marks tasks deleted from a partial listing.
    public func recordIDs(in containers: [String]) async throws -> Set<String> {
        let route = try await resolveRoute()
        let builder = JQLBuilder(timeZoneIdentifier: try await userTimeZone())
        let query = RecordQuery(containers: containers, order: .oldestFirst)
        let cloud = route.deployment == .cloud
        // Cloud pages ids 5000 at a time when nothing else is asked for, and the page token carries
        // the listing; Data Center pages 1000 at a time in keyset windows, which need `updated`.
        let fields = cloud ? ["id"] : ["id", "updated"]
        var cursor = JiraCursor(position: nil)
        var ids = Set<String>()
        while true {
            let search = try await searchPage(
                route, query, cursor: cursor, builder: builder, fields: fields, maxResults: cloud ? 5000 : 1000,
                purpose: .wholeListing)
            let before = ids.count
            ids.formUnion(try JiraAnswer.ids(search.records, context: "listing issue ids"))
            if search.isLast { return ids }
            guard ids.count > before else {
                throw JiraErrors.noProgress(context: "listing issue ids", detail: "a page brought no new issue id")
            }
            cursor =
                cloud
                ? JiraCursor(position: nil, token: search.token)
                : JiraCursor(position: search.records.last.flatMap(JiraCursor.position) ?? cursor.position)
        }
    }
}
