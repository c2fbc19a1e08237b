import Foundation
import ImportCore

extension AsanaConnection {
    /// The token's person (`GET /users/me`), with the workspaces it sees in its settings, or Asana's
    /// reason for refusing the token.
    public func verify() async throws -> Account {
        let context = "verifying the token (GET /users/me)"
        let me = try await get("users/me", context: context)["data"]
        guard let gid = me?["gid"]?.stringValue, !gid.isEmpty else {
            throw AsanaErrors.malformed(context: context, detail: "no user gid")
        }
        let workspaces = (me?["workspaces"]?.arrayValue ?? []).compactMap { $0["gid"]?.stringValue }
        var settings = ["workspaces": workspaces.joined(separator: ",")]
        if let name = me?["workspaces"]?[0]?["name"]?.stringValue { settings["workspace"] = name }
        return Account(
            id: gid, displayName: me?["name"]?.stringValue ?? gid, email: me?["email"]?.stringValue, timeZone: nil,
            settings: settings)
    }

    /// Every project of every workspace the token sees, all pages, by name; the key is the project's
    /// gid (Asana projects have no short key), the workspace in its details.
    public func containers() async throws -> [Container] {
        let me = try await get("users/me", query: [("opt_fields", "workspaces.name")], context: "listing workspaces")
        var projects: [Container] = []
        for workspace in me["data"]?["workspaces"]?.arrayValue ?? [] {
            guard let workspaceGID = workspace["gid"]?.stringValue, AsanaConnection.isGID(workspaceGID) else {
                throw AsanaErrors.malformed(context: "listing workspaces", detail: "a workspace without a numeric gid")
            }
            let name = workspace["name"]?.stringValue ?? workspaceGID
            try await forEachRecord(
                "workspaces/\(workspaceGID)/projects", query: [("opt_fields", "name,archived")],
                context: "listing the projects of workspace \(name)"
            ) { project in
                guard let gid = project["gid"]?.stringValue, AsanaConnection.isGID(gid) else {
                    throw AsanaErrors.malformed(context: "listing projects", detail: "a project without a numeric gid")
                }
                projects.append(
                    Container(
                        id: gid, key: gid, name: project["name"]?.stringValue ?? gid, details: ["workspace": name]))
            }
        }
        return projects.sorted { ($0.name, $0.id) < ($1.name, $1.id) }
    }

    /// Asana's custom fields come with each task by name: there is no catalog to read first.
    public func fieldCatalog() async throws -> [SourceField] { [] }

    /// Whether `text` is a gid as Asana writes them: decimal digits, bounded.
    static func isGID(_ text: String) -> Bool {
        !text.isEmpty && text.utf8.count <= 40 && text.utf8.allSatisfy { (48...57).contains($0) }
    }
}
