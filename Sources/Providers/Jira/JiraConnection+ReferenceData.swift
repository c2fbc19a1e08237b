import Foundation
import ImportCore

extension JiraConnection {
    /// Statuses, categories, issue types, priorities, resolutions, project categories and types.
    public func referenceData() async throws -> [ReferenceRecord] {
        let route = try await resolveRoute()
        var records: [ReferenceRecord] = []
        func add(_ kind: String, _ values: [JSONValue], id: String = "id", name: String = "name") {
            for value in values {
                guard let identifier = value[id]?.scalarText else { continue }
                records.append(ReferenceRecord(kind: kind, id: identifier, name: value[name]?.scalarText, data: value))
            }
        }
        let cloud = route.deployment == .cloud
        add("statuses", try await call("status", context: "reading statuses").arrayValue ?? [])
        add(
            "status_categories", try await call("statuscategory", context: "reading status categories").arrayValue ?? []
        )
        add("issue_types", try await call("issuetype", context: "reading issue types").arrayValue ?? [])
        add(
            "priorities",
            cloud
                ? try await call("priority/search", query: [("maxResults", "50")], context: "reading priorities")[
                    "values"]?.arrayValue ?? []
                : try await call("priority", context: "reading priorities").arrayValue ?? [])
        add(
            "resolutions",
            cloud
                ? try await call("resolution/search", query: [("maxResults", "50")], context: "reading resolutions")[
                    "values"]?.arrayValue ?? []
                : try await call("resolution", context: "reading resolutions").arrayValue ?? [])
        add(
            "project_categories",
            try await call("projectCategory", context: "reading project categories").arrayValue ?? [])
        add(
            "project_types", try await call("project/type", context: "reading project types").arrayValue ?? [],
            id: "key", name: "formattedKey")
        if cloud {
            var startAt = 0
            while true {
                let users =
                    try await call(
                        "users/search", query: [("startAt", String(startAt)), ("maxResults", "1000")],
                        context: "reading users"
                    ).arrayValue ?? []
                add("users", users, id: "accountId", name: "displayName")
                if users.count < 1000 { break }
                startAt += users.count
            }
        } else {
            add(
                "users",
                try await call(
                    "user/search", query: [("username", "."), ("maxResults", "1000")], context: "reading users"
                ).arrayValue ?? [], id: "key", name: "displayName")
        }
        return records
    }
}
