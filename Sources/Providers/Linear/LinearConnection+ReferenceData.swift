import Foundation
import ImportCore

extension LinearConnection {
    /// The workspace's users, workflow states, labels and projects.
    public func referenceData() async throws -> [ReferenceRecord] {
        var records: [ReferenceRecord] = []
        let lists: [(kind: String, field: String, selection: String, name: String)] = [
            ("users", "users", "id name displayName email active", "name"),
            ("workflow_states", "workflowStates", "id name type team { key }", "name"),
            ("labels", "issueLabels", "id name isGroup parent { name }", "name"),
            ("projects", "projects", "id name url state targetDate", "name"),
        ]
        for list in lists {
            try await forEachPage(
                "query Reference($after: String) { \(list.field)(first: 100, after: $after) { nodes { \(list.selection) } pageInfo { hasNextPage endCursor } } }",
                connection: [list.field], context: "reading \(list.kind.replacingOccurrences(of: "_", with: " "))"
            ) { node in
                guard let id = node["id"]?.stringValue else { return }
                records.append(
                    ReferenceRecord(kind: list.kind, id: id, name: node[list.name]?.stringValue, data: node))
            }
        }
        return records
    }
}
