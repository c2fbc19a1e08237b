import Foundation
import ImportCore

extension LinearConnection {
    /// Every issue id in the teams `containers`, archived and trashed ones included (those are
    /// marked deleted from their own flags; this listing finds the ones deleted for good). The
    /// listing must be whole: any malformed page or repeated cursor is an error.
    public func recordIDs(in containers: [String]) async throws -> Set<String> {
        var ids = Set<String>()
        let filter = try LinearFilterBuilder.filter(RecordQuery(containers: containers))
        try await forEachPage(
            """
            query IssueIDs($filter: IssueFilter, $after: String) {
              issues(first: 250, after: $after, includeArchived: true, filter: $filter) { nodes { id } pageInfo { hasNextPage endCursor } }
            }
            """, variables: ["filter": filter], connection: ["issues"], context: "listing issue ids"
        ) { node in
            guard let id = node["id"]?.stringValue, !id.isEmpty else {
                throw LinearErrors.malformed(context: "listing issue ids", detail: "an issue without an id")
            }
            ids.insert(id)
        }
        return ids
    }
}
