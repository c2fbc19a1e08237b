import ImportCore

/// The GraphQL selection of an issue query, built from the source paths a mapping table reads: a
/// path names fields (`state.type`, `labels.nodes[*].name`, `comments.nodes[*].user`), objects get
/// their usual subfields, nested connections a page size and `pageInfo`, and what the cursor and
/// deletion need is always there (`id`, `identifier`, `updatedAt`, `archivedAt`, `trashed`).
struct LinearSelection {
    /// The type a field has, where it is not a scalar: the object it holds, and whether it is a
    /// connection of them.
    struct FieldType {
        let type: String
        let connection: Bool
    }

    /// Object fields of the types an issue reaches (from Linear's schema).
    static let objectFields: [String: [String: FieldType]] = [
        "Issue": [
            "state": FieldType(type: "WorkflowState", connection: false),
            "team": FieldType(type: "Team", connection: false), "assignee": FieldType(type: "User", connection: false),
            "creator": FieldType(type: "User", connection: false),
            "labels": FieldType(type: "IssueLabel", connection: true),
            "parent": FieldType(type: "Issue", connection: false),
            "children": FieldType(type: "Issue", connection: true),
            "comments": FieldType(type: "Comment", connection: true),
            "attachments": FieldType(type: "Attachment", connection: true),
            "project": FieldType(type: "Project", connection: false),
            "projectMilestone": FieldType(type: "ProjectMilestone", connection: false),
            "cycle": FieldType(type: "Cycle", connection: false),
        ],
        "Comment": [
            "user": FieldType(type: "User", connection: false), "parent": FieldType(type: "Comment", connection: false),
        ],
        "Attachment": ["creator": FieldType(type: "User", connection: false)],
        "IssueLabel": ["parent": FieldType(type: "IssueLabel", connection: false)],
        "Project": ["status": FieldType(type: "ProjectStatus", connection: false)],
    ]

    /// What an object gives when a path stops at it (`assignee` for the `user` transform).
    static let defaultFields: [String: [String]] = [
        "User": ["id", "name", "displayName", "email"], "WorkflowState": ["id", "name", "type"],
        "Team": ["id", "key", "name"], "IssueLabel": ["id", "name"], "Issue": ["id", "identifier", "title"],
        "Comment": ["id"], "Attachment": ["id", "title", "url"], "Project": ["id", "name", "url"],
        "ProjectMilestone": ["id", "name", "targetDate"], "Cycle": ["id", "number", "name"],
        "ProjectStatus": ["id", "name", "type"],
    ]

    /// Fields every issue, comment or attachment carries whatever the table reads.
    static let alwaysFields: [String: [String]] = [
        "Issue": ["id", "identifier", "updatedAt", "archivedAt", "trashed"], "Comment": ["id"],
        "Attachment": ["id"], "IssueLabel": ["id"],
    ]

    /// Page size of each nested connection: small, so an issue query stays within Linear's complexity
    /// limit; `complete` reads what is past the first page.
    static let nestedPageSize: [String: Int] = ["labels": 10, "children": 20, "comments": 20, "attachments": 10]

    /// A node of the selection tree.
    final class Node {
        var children: [String: Node] = [:]
        var order: [String] = []

        func child(_ name: String) -> Node {
            if let existing = children[name] { return existing }
            let node = Node()
            children[name] = node
            order.append(name)
            return node
        }
    }

    let root = Node()

    /// The selection for `paths` (source paths as the table writes them).
    init(paths: [String]) {
        for text in paths {
            guard let path = try? SourcePath(parsing: text) else { continue }
            add(path.segments[...], to: root, type: "Issue")
        }
    }

    private func add(_ segments: ArraySlice<SourcePath.Segment>, to node: Node, type: String) {
        guard let first = segments.first else {
            for field in Self.defaultFields[type] ?? [] { _ = node.child(field) }
            return
        }
        switch first {
        case .key(let name), .alias(let name):
            guard let field = Self.objectFields[type]?[name] else {
                _ = node.child(name)
                return
            }
            let child = node.child(name)
            if field.connection {
                var rest = segments.dropFirst()
                if case .key("nodes")? = rest.first { rest = rest.dropFirst() }
                addElements(rest, to: child.child("nodes"), type: field.type)
            } else {
                add(segments.dropFirst(), to: child, type: field.type)
            }
        case .index, .wildcard, .filter:
            add(segments.dropFirst(), to: node, type: type)
        }
    }

    /// The rest of a path inside a connection's `nodes` (after `[*]`, `[0]` or a filter).
    private func addElements(_ segments: ArraySlice<SourcePath.Segment>, to node: Node, type: String) {
        var rest = segments
        while let first = rest.first {
            if case .filter(let key, _, _) = first {
                add(key.split(separator: ".").map { .key(String($0)) }[...], to: node, type: type)
                rest = rest.dropFirst()
                continue
            }
            guard case .wildcard = first else {
                if case .index = first {
                    rest = rest.dropFirst()
                    continue
                }
                break
            }
            rest = rest.dropFirst()
        }
        add(rest, to: node, type: type)
    }

    /// The selection as GraphQL text for an `Issue`.
    var issueSelection: String { render(root, type: "Issue") }

    private func render(_ node: Node, type: String) -> String {
        var names = node.order
        for field in Self.alwaysFields[type] ?? [] where node.children[field] == nil { names.append(field) }
        var parts: [String] = []
        for name in names {
            guard let field = Self.objectFields[type]?[name], let child = node.children[name] else {
                parts.append(name)
                continue
            }
            if field.connection {
                let inner = child.children["nodes"] ?? Node()
                let size = Self.nestedPageSize[name] ?? 20
                parts.append(
                    "\(name)(first: \(size)) { nodes { \(render(inner, type: field.type)) } pageInfo { hasNextPage endCursor } }"
                )
            } else {
                parts.append("\(name) { \(render(child, type: field.type)) }")
            }
        }
        return parts.joined(separator: " ")
    }

    /// The selection of one connection's nodes (`comments` of an issue), for reading past its first page.
    func nodeSelection(of connection: String) -> String? {
        guard let field = Self.objectFields["Issue"]?[connection], field.connection else { return nil }
        return render(root.children[connection]?.children["nodes"] ?? Node(), type: field.type)
    }

    /// The cost Linear counts for one issue of this selection: one point per object, a tenth per
    /// scalar, nested connections multiplied by their page size (rounded up).
    var issueCost: Int { Int(cost(root, type: "Issue").rounded(.up)) }

    private func cost(_ node: Node, type: String) -> Double {
        var total = 1.0
        for (name, child) in node.children {
            guard let field = Self.objectFields[type]?[name] else {
                total += 0.1
                continue
            }
            if field.connection {
                total +=
                    Double(Self.nestedPageSize[name] ?? 20) * cost(child.children["nodes"] ?? Node(), type: field.type)
            } else {
                total += cost(child, type: field.type)
            }
        }
        return total
    }
}
