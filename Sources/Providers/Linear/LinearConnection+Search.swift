import Foundation
import ImportCore

extension LinearConnection {
    /// Paths read when a query names none (no mapping table): what the shipped table reads.
    static let defaultPaths = [
        "title", "description", "url", "priority", "priorityLabel", "estimate", "dueDate", "createdAt",
        "state", "team", "assignee", "creator", "labels.nodes[*].parent.name", "parent", "project", "cycle",
        "children.nodes[*].title", "children.nodes[*].state.type", "children.nodes[*].url",
        "comments.nodes[*].body", "comments.nodes[*].user", "comments.nodes[*].parent.id",
        "comments.nodes[*].createdAt", "comments.nodes[*].updatedAt", "attachments.nodes[*].title",
        "attachments.nodes[*].url", "attachments.nodes[*].metadata", "attachments.nodes[*].creator",
        "attachments.nodes[*].createdAt",
    ]

    /// The most complexity one listing query is planned for (Linear allows 10,000 per query).
    static let complexityBudget = 8000

    /// One page of issues, newest first (the keyset position in the cursor), then the catch-up
    /// sweep; archived and trashed issues come too, flagged (`archivedAt`, `trashed`).
    public func page(_ query: RecordQuery, from cursor: PageCursor?) async throws -> RecordPage {
        var position = try cursor.map(LinearCursor.decode) ?? LinearCursor()
        let selection = LinearSelection(paths: query.fields.isEmpty ? Self.defaultPaths : query.fields)
        let size = max(1, min(query.pageSize, 250, Self.complexityBudget / max(1, selection.issueCost)))
        let limit = query.limit.map { max(1, $0) }
        let context = "listing issues"
        switch position.phase {
        case .catchUp:
            guard let top = position.top else { return RecordPage(records: [], next: nil) }
            let (nodes, more, end) = try await issues(
                selection, filter: try LinearFilterBuilder.filter(query, after: top), first: min(size, limit ?? size),
                after: position.after, context: "\(context) changed since the pass began")
            position.after = end
            return RecordPage(records: nodes, next: more && end != nil ? position.encoded : nil)
        case .main:
            if let at = position.at, position.inTie || position.handedOut.count > LinearCursor.maxTieIDs {
                // A run of ties longer than pages: through it with Linear's cursor, then on below it.
                let (nodes, more, end) = try await issues(
                    selection, filter: try LinearFilterBuilder.filter(query, equal: at), first: size,
                    after: position.after, context: context)
                if more, let end {
                    position.after = end
                    position.inTie = true
                } else {
                    position = LinearCursor(phase: .main, top: position.top, at: at - 1, handedOut: [], after: nil)
                }
                return RecordPage(records: nodes, next: position.encoded)
            }
            let first = min(250, min(size, limit ?? size) + position.handedOut.count)
            let (nodes, more, _) = try await issues(
                selection, filter: try LinearFilterBuilder.filter(query, atMost: position.at), first: first,
                after: nil, context: context)
            let seen = Set(position.handedOut)
            var records: [JSONValue] = []
            for node in nodes {
                guard let id = node["id"]?.stringValue, let updated = Self.updatedAt(node) else {
                    throw LinearErrors.malformed(context: context, detail: "an issue without id or updatedAt")
                }
                if let at = position.at, updated > at || (updated == at && seen.contains(id)) { continue }
                records.append(node)
            }
            if position.top == nil { position.top = nodes.compactMap(Self.updatedAt).max() }
            if let last = records.last, let lastUpdated = Self.updatedAt(last) {
                let atLast = records.filter { Self.updatedAt($0) == lastUpdated }.compactMap { $0["id"]?.stringValue }
                position.handedOut = lastUpdated == position.at ? position.handedOut + atLast : atLast
                position.at = lastUpdated
            } else if more {
                // A whole page of issues already handed out at one instant: a run of ties (those
                // handed out come again while Linear's cursor pages through it; writing them twice
                // changes nothing).
                position.inTie = true
                position.after = nil
                return RecordPage(records: [], next: position.encoded)
            }
            if more { return RecordPage(records: records, next: position.encoded) }
            // The oldest issue is in: capped runs end here, the others sweep what changed meanwhile.
            guard limit == nil, position.top != nil else { return RecordPage(records: records, next: nil) }
            position = LinearCursor(phase: .catchUp, top: position.top, at: nil, handedOut: [], after: nil)
            return RecordPage(records: records, next: position.encoded)
        }
    }

    /// One `issues` query: its nodes, whether more follow, and Linear's end cursor.
    func issues(_ selection: LinearSelection, filter: JSONValue, first: Int, after: String?, context: String)
        async throws -> (nodes: [JSONValue], more: Bool, end: String?)
    {
        let query = """
            query Issues($filter: IssueFilter, $first: Int!, $after: String) {
              issues(first: $first, after: $after, orderBy: updatedAt, includeArchived: true, filter: $filter) {
                nodes { \(selection.issueSelection) }
                pageInfo { hasNextPage endCursor }
              }
            }
            """
        let data = try await graphQL(
            query, variables: ["filter": filter, "first": .number(Double(first)), "after": JSONValue(after)],
            context: context)
        guard let connection = data["issues"], let nodes = connection["nodes"]?.arrayValue,
            let more = connection["pageInfo"]?["hasNextPage"]?.boolValue
        else { throw LinearErrors.malformed(context: context, detail: "issues without nodes or pageInfo") }
        return (nodes, more, connection["pageInfo"]?["endCursor"]?.stringValue)
    }

    /// An issue's `updatedAt` in epoch milliseconds.
    static func updatedAt(_ node: JSONValue) -> Int64? {
        node["updatedAt"]?.stringValue.flatMap(Timestamp.parse)?.millisecondsSince1970
    }
}
