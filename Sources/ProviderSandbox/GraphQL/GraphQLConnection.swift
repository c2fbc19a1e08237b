import Foundation
import ImportCore

/// A Relay connection over items already filtered and ordered: `first`/`after` paging, `nodes`,
/// `edges { node cursor }` and `pageInfo`. A cursor names a position in the order (its sort key and
/// id), so paging continues right after it even when the item it came from has moved meanwhile.
struct GraphQLConnection: GraphQLResolvable {
    /// One item: its position in the order and the object.
    struct Item: Sendable {
        /// Sort key, compared after `descending`: larger first when descending.
        let sortKey: Int64
        let id: String
        let node: any GraphQLResolvable
    }

    let typeName: String
    let page: [Item]
    let hasNextPage: Bool
    let hasPreviousPage: Bool

    /// Most items one page may hold.
    static let maxPageSize = 250

    /// The page `arguments` ask for out of `items` (in their final order, `descending` by sort key).
    static func page(
        _ typeName: String, items: [Item], arguments: [String: JSONValue], descending: Bool = true
    ) throws(GraphQLError) -> GraphQLConnection {
        let first = arguments["first"]?.intValue ?? GraphQLExecutor.defaultPageSize
        guard first >= 0, first <= maxPageSize else {
            throw GraphQLError(
                message: "Argument \"first\" must be between 0 and \(maxPageSize)",
                extensions: GraphQLExecutor.failure(code: "INVALID_INPUT"))
        }
        var start = 0
        if let cursor = arguments["after"]?.stringValue {
            guard let position = Self.decode(cursor) else {
                throw GraphQLError(
                    message: "Invalid cursor: \(cursor.prefix(60))",
                    extensions: GraphQLExecutor.failure(code: "INVALID_INPUT"))
            }
            start =
                items.firstIndex { item in
                    descending
                        ? (item.sortKey, item.id) < (position.sortKey, position.id)
                        : (item.sortKey, item.id) > (position.sortKey, position.id)
                } ?? items.count
        }
        let end = min(items.count, start + first)
        return GraphQLConnection(
            typeName: typeName, page: Array(items[start..<end]), hasNextPage: end < items.count,
            hasPreviousPage: start > 0)
    }

    static func encode(_ item: Item) -> String {
        Data("\(item.sortKey)|\(item.id)".utf8).base64EncodedString()
    }

    static func decode(_ cursor: String) -> (sortKey: Int64, id: String)? {
        guard let data = Data(base64Encoded: cursor) else { return nil }
        let parts = String(decoding: data, as: UTF8.self).split(separator: "|", maxSplits: 1)
        guard parts.count == 2, let key = Int64(parts[0]) else { return nil }
        return (key, String(parts[1]))
    }

    func resolve(_ name: String, arguments: [String: JSONValue]) throws(GraphQLError) -> GraphQLOutput {
        switch name {
        case "nodes": return .objects(page.map(\.node))
        case "edges": return .objects(page.map { Edge(node: $0.node, cursor: Self.encode($0)) })
        case "pageInfo":
            return .object(
                PageInfo(
                    hasNextPage: hasNextPage, hasPreviousPage: hasPreviousPage,
                    startCursor: page.first.map(Self.encode), endCursor: page.last.map(Self.encode)))
        default: throw GraphQLError(message: "Cannot query field \"\(name)\" on type \"\(typeName)\".")
        }
    }

    /// `{ node cursor }`.
    struct Edge: GraphQLResolvable {
        let node: any GraphQLResolvable
        let cursor: String
        var typeName: String { node.typeName + "Edge" }

        func resolve(_ name: String, arguments: [String: JSONValue]) throws(GraphQLError) -> GraphQLOutput {
            name == "node" ? .object(node) : .value(.string(cursor))
        }
    }

    /// Relay's `PageInfo`.
    struct PageInfo: GraphQLResolvable {
        let hasNextPage: Bool
        let hasPreviousPage: Bool
        let startCursor: String?
        let endCursor: String?
        var typeName: String { "PageInfo" }

        func resolve(_ name: String, arguments: [String: JSONValue]) throws(GraphQLError) -> GraphQLOutput {
            switch name {
            case "hasNextPage": return .value(.bool(hasNextPage))
            case "hasPreviousPage": return .value(.bool(hasPreviousPage))
            case "startCursor": return .value(JSONValue(startCursor))
            default: return .value(JSONValue(endCursor))
            }
        }
    }
}
