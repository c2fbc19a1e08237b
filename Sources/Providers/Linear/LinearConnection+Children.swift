import Foundation
import ImportCore

extension LinearConnection {
    /// Nested connections an issue query pages (the rest of each is read here).
    static let pagedConnections = ["comments", "children", "attachments", "labels"]

    /// Most nodes read for one connection of one issue: a guard against a source that never stops.
    static let maxNodesPerConnection = 100_000

    /// The page with every nested connection complete: where an issue's first page of comments,
    /// sub-issues, attachments or labels says more follow, the rest is read (a few issues at a time),
    /// so nothing past a first page is lost.
    public func complete(_ page: RecordPage, for query: RecordQuery) async throws -> RecordPage {
        let selection = LinearSelection(paths: query.fields.isEmpty ? Self.defaultPaths : query.fields)
        var incomplete: [(index: Int, connection: String)] = []
        for (index, record) in page.records.enumerated() {
            for connection in Self.pagedConnections where record[connection]?["pageInfo"]?["hasNextPage"] == true {
                incomplete.append((index, connection))
            }
        }
        guard !incomplete.isEmpty else { return page }
        var records = page.records
        try await withThrowingTaskGroup(of: (Int, String, [JSONValue]).self) { group in
            var pending = incomplete[...]
            func launch() {
                // The next connection that can be read; one the selection does not name stays as listed.
                var next: (index: Int, connection: String, id: String, nodes: String)?
                while next == nil, let (index, connection) = pending.popFirst() {
                    if let id = page.records[index]["id"]?.stringValue,
                        let nodes = selection.nodeSelection(of: connection)
                    {
                        next = (index, connection, id, nodes)
                    }
                }
                guard let (index, connection, id, nodes) = next else { return }
                let first = page.records[index][connection]?["nodes"]?.arrayValue ?? []
                let after = page.records[index][connection]?["pageInfo"]?["endCursor"]?.stringValue
                group.addTask {
                    let rest = try await self.rest(of: connection, issue: id, nodes: nodes, after: after)
                    return (index, connection, first + rest)
                }
            }
            for _ in 0..<Self.childConcurrency { launch() }
            while let (index, connection, nodes) = try await group.next() {
                if case .object(var record) = records[index] {
                    var seen = Set<String>()
                    let unique = nodes.filter { node in node["id"]?.stringValue.map { seen.insert($0).inserted } ?? true
                    }
                    record[connection] = ["nodes": .array(unique), "pageInfo": ["hasNextPage": false]]
                    records[index] = .object(record)
                }
                launch()
            }
        }
        return RecordPage(records: records, next: page.next, estimatedTotal: page.estimatedTotal)
    }

    /// The nodes of one issue's connection after `after`, every page.
    func rest(of connection: String, issue id: String, nodes: String, after: String?) async throws -> [JSONValue] {
        let context = "reading the \(connection) of issue \(id)"
        var collected: [JSONValue] = []
        var cursor = after
        var seen = Set(after.map { [$0] } ?? [])
        var finished = false
        while collected.count < Self.maxNodesPerConnection {
            let data = try await graphQL(
                """
                query Rest($id: String!, $after: String) {
                  issue(id: $id) { \(connection)(first: 100, after: $after, includeArchived: true) { nodes { \(nodes) } pageInfo { hasNextPage endCursor } } }
                }
                """, variables: ["id": .string(id), "after": JSONValue(cursor)], context: context)
            guard let page = data["issue"]?[connection], let batch = page["nodes"]?.arrayValue,
                let more = page["pageInfo"]?["hasNextPage"]?.boolValue
            else { throw LinearErrors.malformed(context: context, detail: "\(connection) without nodes or pageInfo") }
            collected += batch
            guard more else {
                finished = true
                break
            }
            guard let next = page["pageInfo"]?["endCursor"]?.stringValue, seen.insert(next).inserted else {
                throw LinearErrors.noProgress(context: context)
            }
            cursor = next
        }
        guard finished else {
            throw ProviderError(
                provider: LinearProvider.id, kind: .invalidResponse,
                message: "\(context): more than \(Self.maxNodesPerConnection) \(connection) on one issue",
                hint:
                    "Tributary stops rather than keep a partial list; check the issue in Linear, or leave \(connection) out of the mapping table for this run."
            )
        }
        return collected
    }
}
