import Foundation
import ImportCore

extension LinearConnection {
    /// The account the key belongs to (`viewer`), with the workspace (`organization`) in its
    /// settings, or Linear's reason for refusing the key.
    public func verify() async throws -> Account {
        let data = try await graphQL(
            "query Verify { viewer { id name displayName email timezone } organization { id name urlKey } }",
            context: "verifying the key (viewer, organization)")
        guard let viewer = data["viewer"], let id = viewer["id"]?.stringValue,
            let organization = data["organization"]?["id"]?.stringValue
        else { throw LinearErrors.malformed(context: "verifying the key", detail: "no viewer or organization id") }
        state.withLock { $0.organizationID = organization }
        var settings = ["organizationId": organization]
        if let key = data["organization"]?["urlKey"]?.stringValue { settings["urlKey"] = key }
        if let name = data["organization"]?["name"]?.stringValue { settings["workspace"] = name }
        return Account(
            id: id, displayName: viewer["name"]?.stringValue ?? viewer["displayName"]?.stringValue ?? id,
            email: viewer["email"]?.stringValue, timeZone: viewer["timezone"]?.stringValue, settings: settings)
    }

    /// The teams the key can see, every page.
    public func containers() async throws -> [Container] {
        var teams: [Container] = []
        try await forEachPage(
            "query Teams($after: String) { teams(first: 100, after: $after) { nodes { id key name description } pageInfo { hasNextPage endCursor } } }",
            connection: ["teams"], context: "listing teams"
        ) { node in
            guard let id = node["id"]?.stringValue, let key = node["key"]?.stringValue else {
                throw LinearErrors.malformed(context: "listing teams", detail: "a team without id or key")
            }
            teams.append(
                Container(
                    id: id, key: key, name: node["name"]?.stringValue ?? key,
                    details: node["description"]?.stringValue.map { ["description": $0] } ?? [:]))
        }
        return teams.sorted { $0.key < $1.key }
    }

    /// Linear issues have no site-defined fields a table names by display name.
    public func fieldCatalog() async throws -> [SourceField] {
        throw ProviderError.notSupported(provider: LinearProvider.id, part: "custom field list")
    }

    /// The workspace's id (`organization.id`): the same whatever its URL slug becomes.
    public func sourceInstance() async throws -> String {
        if let known = state.withLock({ $0.organizationID }) { return known }
        let data = try await graphQL("query Workspace { organization { id } }", context: "reading the workspace id")
        guard let id = data["organization"]?["id"]?.stringValue, !id.isEmpty else {
            throw LinearErrors.malformed(context: "reading the workspace id", detail: "no organization id")
        }
        state.withLock { $0.organizationID = id }
        return id
    }

    /// Runs a paged query (`$after`) to its last page, handing each node to `body`; `connection` is
    /// the path of the connection in `data`. A page that repeats a cursor stops with an error.
    func forEachPage(
        _ query: String, variables: [String: JSONValue] = [:], connection: [String], context: String,
        body: (JSONValue) throws -> Void
    ) async throws {
        var after: String?
        var seen = Set<String>()
        while true {
            var values = variables
            values["after"] = after.map(JSONValue.string) ?? .null
            var page = try await graphQL(query, variables: values, context: context)
            for key in connection { page = page[key] ?? .null }
            guard let nodes = page["nodes"]?.arrayValue, let info = page["pageInfo"],
                let more = info["hasNextPage"]?.boolValue
            else { throw LinearErrors.malformed(context: context, detail: "a connection without nodes or pageInfo") }
            for node in nodes { try body(node) }
            guard more else { return }
            guard let cursor = info["endCursor"]?.stringValue, seen.insert(cursor).inserted else {
                throw LinearErrors.noProgress(context: context)
            }
            after = cursor
        }
    }
}
