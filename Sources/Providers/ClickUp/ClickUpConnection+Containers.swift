import Foundation
import ImportCore

extension ClickUpConnection {
    /// Every list the token sees, Workspace → space → folder → list and the folderless lists of each
    /// space, by name; the key is the list's id, where it sits in the details.
    public func containers() async throws -> [Container] {
        var found: [Container] = []
        for team in try await teams() {
            for space in try await spaces(of: team.id) {
                for folder in try await folders(of: space.id) {
                    for list in try await lists(
                        path: "folder/\(folder.id)/list", context: "the lists of folder \(folder.name)")
                    {
                        found.append(
                            Container(
                                id: list.id, key: list.id, name: list.name,
                                details: ["workspace": team.name, "space": space.name, "folder": folder.name]))
                    }
                }
                for list in try await lists(
                    path: "space/\(space.id)/list", context: "the folderless lists of space \(space.name)")
                {
                    found.append(
                        Container(
                            id: list.id, key: list.id, name: list.name,
                            details: ["workspace": team.name, "space": space.name]))
                }
            }
        }
        return found.sorted { ($0.name, $0.id) < ($1.name, $1.id) }
    }

    /// The list ids a run's containers name, in their order without repeats: a list id (or
    /// `list:ID`), or `folder:ID`, `space:ID` or `workspace:ID` for every list below it. Read once
    /// per connection.
    func lists(for containers: [String]) async throws -> [String] {
        let key = containers.joined(separator: "\n")
        if let known = expansions.withLock({ $0[key] }) { return known }
        var ids: [String] = []
        var seen = Set<String>()
        for reference in containers {
            let parts = reference.split(separator: ":", maxSplits: 1).map(String.init)
            let (kind, id) = parts.count == 2 ? (parts[0].lowercased(), parts[1]) : ("list", reference)
            guard Self.isID(id) else { throw Self.badReference(reference) }
            var named: [String]
            switch kind {
            case "list": named = [id]
            case "folder":
                named = try await lists(path: "folder/\(id)/list", context: "the lists of folder \(id)").map(\.id)
            case "space": named = try await lists(inSpace: id)
            case "workspace", "team":
                named = []
                for space in try await spaces(of: id) { named += try await lists(inSpace: space.id) }
            default: throw Self.badReference(reference)
            }
            for list in named where seen.insert(list).inserted { ids.append(list) }
        }
        expansions.withLock { $0[key] = ids }
        return ids
    }

    /// A container reference that names nothing ClickUp has.
    static func badReference(_ reference: String) -> ProviderError {
        ProviderError(
            provider: ClickUpProvider.id, kind: .configuration,
            message: "\"\(reference.prefix(80))\" is not a ClickUp list, folder:ID, space:ID or workspace:ID",
            hint:
                "List the lists with `tributary containers CONNECTION`; name a list by its id, or all lists of a folder or space as folder:ID or space:ID."
        )
    }

    /// A named thing of the hierarchy (Workspace, space, folder, list).
    struct Node: Sendable {
        let id: String
        let name: String
    }

    func nodes(_ answer: JSONValue, key: String, context: String) throws -> [Node] {
        guard let items = answer[key]?.arrayValue else {
            throw ClickUpErrors.malformed(context: context, detail: "no \(key)")
        }
        return try items.map { item in
            guard let id = item["id"]?.scalarText, Self.isID(id) else {
                throw ClickUpErrors.malformed(context: context, detail: "an entry of \(key) without an id")
            }
            return Node(id: id, name: item["name"]?.stringValue ?? id)
        }
    }

    func teams() async throws -> [Node] {
        try nodes(
            try await get("team", context: "listing the Workspaces"), key: "teams", context: "listing the Workspaces")
    }

    func spaces(of team: String) async throws -> [Node] {
        let context = "listing the spaces of Workspace \(team)"
        return try nodes(
            try await get("team/\(team)/space", query: [("archived", "false")], context: context), key: "spaces",
            context: context)
    }

    func folders(of space: String) async throws -> [Node] {
        let context = "listing the folders of space \(space)"
        return try nodes(
            try await get("space/\(space)/folder", query: [("archived", "false")], context: context), key: "folders",
            context: context)
    }

    func lists(path: String, context: String) async throws -> [Node] {
        let what = "listing \(context)"
        return try nodes(
            try await get(path, query: [("archived", "false")], context: what), key: "lists", context: what)
    }

    /// Every list of a space: its folders' lists, then its folderless ones.
    func lists(inSpace space: String) async throws -> [String] {
        var ids: [String] = []
        for folder in try await folders(of: space) {
            ids += try await lists(path: "folder/\(folder.id)/list", context: "the lists of folder \(folder.name)").map(
                \.id)
        }
        return ids
            + (try await lists(path: "space/\(space)/list", context: "the folderless lists of space \(space)")).map(
                \.id)
    }
}
