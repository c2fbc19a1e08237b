import Foundation
import ImportCore

extension ClickUpConnection {
    /// The token's person (`GET /user`), with the Workspaces it sees (`GET /team`), or ClickUp's
    /// reason for refusing the token.
    public func verify() async throws -> Account {
        let context = "verifying the token (GET /user)"
        let user = try await get("user", context: context)["user"]
        guard let id = user?["id"]?.scalarText, !id.isEmpty else {
            throw ClickUpErrors.malformed(context: context, detail: "no user id")
        }
        userID.withLock { $0 = id }
        let teams = try await get("team", context: "listing the Workspaces (GET /team)")["teams"]?.arrayValue ?? []
        var settings = ["workspaces": teams.compactMap { $0["id"]?.scalarText }.joined(separator: ",")]
        if let name = teams.first?["name"]?.stringValue { settings["workspace"] = name }
        return Account(
            id: id, displayName: user?["username"]?.stringValue ?? id, email: user?["email"]?.stringValue,
            timeZone: user?["timezone"]?.stringValue, settings: settings)
    }

    /// ClickUp's custom fields come with each task by name: there is no catalog to read first.
    public func fieldCatalog() async throws -> [SourceField] { [] }

    /// The token's user id (`GET /user`, once).
    func currentUserID() async throws -> String {
        if let known = userID.withLock({ $0 }) { return known }
        return try await verify().id
    }
}
