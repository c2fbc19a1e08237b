import Foundation
import ImportCore

extension JiraConnection {
    /// The account the credentials belong to, or Jira's reason for refusing them.
    public func verify() async throws -> Account {
        let route = try await resolveRoute()
        let me = try await call(
            "myself", context: "verifying the credentials (GET /rest/api/\(route.apiVersion)/myself)")
        guard let id = me["accountId"]?.stringValue ?? me["key"]?.stringValue ?? me["name"]?.stringValue else {
            throw ProviderError(
                provider: JiraProvider.id, kind: .invalidResponse, message: "/myself answered without an account id",
                hint: "Check that the URL points at a Jira site.")
        }
        let zone = me["timeZone"]?.stringValue
        state.withLock { $0.timeZone = zone }
        var settings = route.settings
        if let zone { settings["timeZone"] = zone }
        settings["instance"] = try await sourceInstance()
        return Account(
            id: id, displayName: me["displayName"]?.stringValue ?? id, email: me["emailAddress"]?.stringValue,
            timeZone: zone, settings: settings)
    }

    /// The token user's time zone (JQL dates are read in it), fetched once.
    func userTimeZone() async throws -> String? {
        if let zone = state.withLock({ $0.timeZone }) { return zone }
        let me = try await call("myself", context: "reading the account's time zone")
        let zone = me["timeZone"]?.stringValue ?? "UTC"
        state.withLock { $0.timeZone = zone }
        return zone
    }

    /// The projects the account may browse.
    public func containers() async throws -> [Container] {
        let route = try await resolveRoute()
        var projects: [JSONValue] = []
        if route.deployment == .dataCenter {
            projects = try await call("project", context: "listing projects").arrayValue ?? []
        } else {
            var startAt = 0
            while true {
                let page = try await call(
                    "project/search", query: [("startAt", String(startAt)), ("maxResults", "50"), ("orderBy", "key")],
                    context: "listing projects")
                let values = page["values"]?.arrayValue ?? []
                projects += values
                if page["isLast"]?.boolValue ?? true || values.isEmpty { break }
                startAt += values.count
            }
        }
        return projects.compactMap { project in
            guard let id = project["id"]?.scalarText, let key = project["key"]?.stringValue else { return nil }
            var details: [String: String] = [:]
            details["type"] = project["projectTypeKey"]?.stringValue
            details["category"] = project["projectCategory"]?["name"]?.stringValue
            return Container(id: id, key: key, name: project["name"]?.stringValue ?? key, details: details)
        }
    }

    /// The site's fields, custom ones included.
    public func fieldCatalog() async throws -> [SourceField] {
        if let cached = state.withLock({ $0.fields }) { return cached }
        let fields = try await call("field", context: "listing fields").arrayValue ?? []
        let catalog = fields.compactMap { field -> SourceField? in
            guard let id = field["id"]?.stringValue else { return nil }
            var type = field["schema"]?["type"]?.stringValue
            if type == "array", let items = field["schema"]?["items"]?.stringValue { type = "array<\(items)>" }
            return SourceField(
                id: id, name: field["name"]?.stringValue ?? id, isCustom: field["custom"]?.boolValue ?? false,
                type: type)
        }
        state.withLock { $0.fields = catalog }
        return catalog
    }
}
