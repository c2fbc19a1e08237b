import Foundation
import ImportCore

// Server info, projects, fields, resolutions: what an importer reads before the issues.
extension JiraSandbox {
    func serverInfo(_ renderer: JiraRenderer) -> SandboxResponse {
        let info: JSONValue = [
            "baseUrl": .string(baseURL), "displayUrl": .string(baseURL),
            "version": config.deployment == .cloud ? "1001.0.0-SNAPSHOT" : "9.12.4",
            "versionNumbers": config.deployment == .cloud ? [1001, 0, 0] : [9, 12, 4],
            "deploymentType": config.deployment == .cloud ? "Cloud" : "Server", "buildNumber": 100_252,
            "buildDate": "2024-01-10T00:00:00.000+0000",
            "serverTime": .string(renderer.time(Int64(Date().timeIntervalSince1970 * 1000))),
            "scmInfo": "0d9d3e7bd6c2a2d2b1f0", "serverTitle": "Tributary Sandbox",
            "serverTimeZone": .string(config.userTimeZone), "defaultLocale": ["locale": "en_AU"],
        ]
        return .json(200, info.jsonText)
    }

    func visibleProjects() -> [Int] {
        let count = state.withLock { $0.world.projectCount }
        return (0..<count).filter { !config.forbiddenProjects.contains(projects.key($0)) }
    }

    func projectSearch(_ request: SandboxRequest, renderer: JiraRenderer) -> SandboxResponse {
        let all = visibleProjects()
        let start = max(0, Int(request.query["startAt"] ?? "0") ?? 0)
        let limit = min(50, max(1, Int(request.query["maxResults"] ?? "50") ?? 50))
        let slice = Array(all.dropFirst(start).prefix(limit))
        let isLast = start + slice.count >= all.count
        var body: [String: JSONValue] = [
            "self": .string(
                "\(baseURL)/rest/api/\(renderer.apiVersion)/project/search?startAt=\(start)&maxResults=\(limit)"),
            "startAt": .number(Double(start)), "maxResults": .number(Double(limit)),
            "total": .number(Double(all.count)),
            "isLast": .bool(isLast), "values": .array(slice.map(renderer.project)),
        ]
        if !isLast {
            body["nextPage"] = .string(
                "\(baseURL)/rest/api/\(renderer.apiVersion)/project/search?startAt=\(start + limit)&maxResults=\(limit)"
            )
        }
        return .json(200, JSONValue.object(body).jsonText)
    }

    func fieldList() -> JSONValue {
        func system(_ id: String, _ name: String, _ type: String, items: String? = nil) -> JSONValue {
            var schema: [String: JSONValue] = ["type": .string(type), "system": .string(id)]
            if let items { schema["items"] = .string(items) }
            return [
                "id": .string(id), "key": .string(id), "name": .string(name), "custom": false, "orderable": true,
                "navigable": true, "searchable": true, "clauseNames": [.string(id)], "schema": .object(schema),
            ]
        }
        func custom(_ id: String, _ name: String, _ type: String, customType: String, items: String? = nil) -> JSONValue
        {
            let number = id.replacingOccurrences(of: "customfield_", with: "")
            var schema: [String: JSONValue] = [
                "type": .string(type), "custom": .string(customType), "customId": .number(Double(number) ?? 0),
            ]
            if let items { schema["items"] = .string(items) }
            return [
                "id": .string(id), "key": .string(id), "name": .string(name), "custom": true, "orderable": true,
                "navigable": true, "searchable": true, "clauseNames": [.string("cf[\(number)]"), .string(name)],
                "schema": .object(schema),
            ]
        }
        return [
            system("summary", "Summary", "string"), system("description", "Description", "string"),
            system("status", "Status", "status"), system("priority", "Priority", "priority"),
            system("issuetype", "Issue Type", "issuetype"), system("assignee", "Assignee", "user"),
            system("reporter", "Reporter", "user"), system("labels", "Labels", "array", items: "string"),
            system("duedate", "Due date", "date"), system("created", "Created", "datetime"),
            system("updated", "Updated", "datetime"), system("parent", "Parent", "issuelink"),
            system("subtasks", "Sub-tasks", "array", items: "issuelinks"),
            system("comment", "Comment", "comments-page"),
            system("worklog", "Log Work", "array", items: "worklog"),
            system("attachment", "Attachment", "array", items: "attachment"),
            system("components", "Components", "array", items: "component"),
            system("fixVersions", "Fix versions", "array", items: "version"), system("project", "Project", "project"),
            system("resolution", "Resolution", "resolution"),
            custom(
                config.storyPointsField.id, config.storyPointsField.name, "number",
                customType: "com.atlassian.jira.plugin.system.customfieldtypes:float"),
            custom("customfield_10014", "Epic Link", "any", customType: "com.pyxis.greenhopper.jira:gh-epic-link"),
            custom(
                "customfield_10020", "Sprint", "array", customType: "com.pyxis.greenhopper.jira:gh-sprint",
                items: "json"),
            custom(
                "customfield_10030", "Team", "option",
                customType: "com.atlassian.jira.plugin.system.customfieldtypes:select"),
        ]
    }

    func resolutions() -> [JSONValue] {
        JiraReferenceData.resolutions.map { ["id": .string($0.id), "name": .string($0.name), "description": ""] }
    }

    func paged(_ values: [JSONValue], request: SandboxRequest) -> SandboxResponse {
        let start = max(0, Int(request.query["startAt"] ?? "0") ?? 0)
        let limit = max(1, min(50, Int(request.query["maxResults"] ?? "50") ?? 50))
        let slice = Array(values.dropFirst(start).prefix(limit))
        let body: JSONValue = [
            "startAt": .number(Double(start)), "maxResults": .number(Double(limit)),
            "total": .number(Double(values.count)),
            "isLast": .bool(start + slice.count >= values.count), "values": .array(slice),
        ]
        return .json(200, body.jsonText)
    }
}
