import Foundation
import ImportCore

extension AsanaConnection {
    /// The people of every workspace the token sees, with their emails.
    public func referenceData() async throws -> [ReferenceRecord] {
        let me = try await get("users/me", query: [("opt_fields", "workspaces.name")], context: "listing workspaces")
        var records: [ReferenceRecord] = []
        var seen = Set<String>()
        for workspace in me["data"]?["workspaces"]?.arrayValue ?? [] {
            guard let workspaceGID = workspace["gid"]?.stringValue, Self.isGID(workspaceGID) else { continue }
            try await forEachRecord(
                "workspaces/\(workspaceGID)/users", query: [("opt_fields", "name,email")],
                context: "reading the people of workspace \(workspaceGID)"
            ) { user in
                guard let gid = user["gid"]?.stringValue, seen.insert(gid).inserted else { return }
                records.append(ReferenceRecord(kind: "users", id: gid, name: user["name"]?.stringValue, data: user))
            }
        }
        return records
    }
}
