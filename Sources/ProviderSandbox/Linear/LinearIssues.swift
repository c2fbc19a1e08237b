import ImportCore

/// Linear's issue listings (`issues`, `team.issues`, `issue.children`): archived issues left out
/// unless `includeArchived`, the `filter` applied, newest first by `orderBy` (createdAt by default;
/// Linear documents `updatedAt` as the way "to get most recently updated"), ties by id.
enum LinearIssues {
    static func connection(_ items: [WorkItem], view: LinearView, arguments: [String: JSONValue])
        throws(GraphQLError) -> GraphQLConnection
    {
        let includeArchived = arguments["includeArchived"]?.boolValue ?? false
        let byUpdate = arguments["orderBy"]?.stringValue == "updatedAt"
        var kept: [GraphQLConnection.Item] = []
        for item in items where includeArchived || !item.isArchived {
            guard try LinearFilter.issue(item, arguments["filter"], view: view) else { continue }
            kept.append(
                GraphQLConnection.Item(
                    sortKey: byUpdate ? item.updated : item.created, id: view.uuidOfItem[item.id] ?? "",
                    node: LinearIssueNode(view: view, item: item)))
        }
        kept.sort { ($0.sortKey, $0.id) > ($1.sortKey, $1.id) }
        return try GraphQLConnection.page("IssueConnection", items: kept, arguments: arguments)
    }
}
