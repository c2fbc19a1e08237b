import Foundation
import ImportCore

extension ClickUpConnection {
    /// The members of every Workspace the token sees, with their emails.
    public func referenceData() async throws -> [ReferenceRecord] {
        let answer = try await get("team", context: "listing the Workspaces' members")
        var records: [ReferenceRecord] = []
        var seen = Set<String>()
        for team in answer["teams"]?.arrayValue ?? [] {
            for member in team["members"]?.arrayValue ?? [] {
                guard let user = member["user"], let id = user["id"]?.scalarText, seen.insert(id).inserted else {
                    continue
                }
                records.append(ReferenceRecord(kind: "users", id: id, name: user["username"]?.stringValue, data: user))
            }
        }
        return records
    }
}
