import Foundation
import ImportCore

/// Renders sandbox records in Jira's JSON shapes: REST v3 (ADF, `accountId` users) for Cloud,
/// REST v2 (wiki text, `name`/`key` users) for Data Center and Cloud's v2 API.
struct JiraRenderer: Sendable {
    let base: String
    let apiVersion: Int
    let deployment: JiraSandboxConfig.Deployment
    let users: [WorldVocabulary.User]
    let zone: TimeZone
    let storyPointsField: String
    let embeddedChildLimit: Int
    let projects: WorldContainers

    var isV3: Bool { apiVersion == 3 }

    /// Jira's timestamp format, in the site user's time zone: `2024-01-15T21:20:30.123+1100`.
    func time(_ milliseconds: Int64) -> String {
        let offset = zone.secondsFromGMT(for: Date(timeIntervalSince1970: Double(milliseconds) / 1000))
        return Timestamp(millisecondsSince1970: milliseconds).jiraFormat(offsetSeconds: offset)
    }

    func user(_ index: Int) -> JSONValue {
        let person = users[index % users.count]
        var object: [String: JSONValue] = [
            "displayName": .string(person.displayName), "active": true, "timeZone": .string(person.timeZone),
            "avatarUrls": ["48x48": .string("\(base)/secure/useravatar?size=large&ownerId=\(person.name)")],
        ]
        if deployment == .cloud {
            object["accountId"] = .string(person.accountID)
            object["accountType"] = "atlassian"
            object["self"] = .string("\(base)/rest/api/\(apiVersion)/user?accountId=\(person.accountID)")
        } else {
            object["name"] = .string(person.name)
            object["key"] = .string("JIRAUSER\(10_000 + index)")
            object["self"] = .string("\(base)/rest/api/2/user?username=\(person.name)")
        }
        if let email = person.email { object["emailAddress"] = .string(email) }
        return .object(object)
    }

    func myself() -> JSONValue {
        guard case .object(var object) = user(0) else { return .null }
        object["locale"] = "en_AU"
        object["groups"] = ["size": 2, "items": []]
        object["applicationRoles"] = ["size": 1, "items": []]
        return .object(object)
    }

    func status(_ index: Int) -> JSONValue {
        let status = JiraReferenceData.statuses[index]
        return [
            "self": .string("\(base)/rest/api/\(apiVersion)/status/\(status.id)"), "id": .string(status.id),
            "name": .string(status.name), "description": "",
            "iconUrl": .string("\(base)/images/icons/statuses/generic.png"),
            "statusCategory": [
                "self": .string("\(base)/rest/api/\(apiVersion)/statuscategory/\(status.categoryID)"),
                "id": .number(Double(status.categoryID)), "key": .string(status.categoryKey),
                "colorName": .string(status.color), "name": .string(status.categoryName),
            ],
        ]
    }

    func priority(_ index: Int) -> JSONValue {
        let priority = JiraReferenceData.priorities[index]
        return [
            "self": .string("\(base)/rest/api/\(apiVersion)/priority/\(priority.id)"), "id": .string(priority.id),
            "name": .string(priority.name),
            "iconUrl": .string("\(base)/images/icons/priorities/\(priority.name.lowercased()).svg"),
        ]
    }

    func issueType(_ name: String) -> JSONValue {
        let type = JiraReferenceData.type(name)
        return [
            "self": .string("\(base)/rest/api/\(apiVersion)/issuetype/\(type.id)"), "id": .string(type.id),
            "name": .string(type.name), "subtask": .bool(type.subtask),
            "hierarchyLevel": .number(Double(type.hierarchyLevel)),
            "description": "", "iconUrl": .string("\(base)/images/icons/issuetypes/\(type.name.lowercased()).svg"),
        ]
    }

    func project(_ index: Int) -> JSONValue {
        let id = projects.id(index)
        let category = JiraReferenceData.projectCategories[index % JiraReferenceData.projectCategories.count]
        return [
            "self": .string("\(base)/rest/api/\(apiVersion)/project/\(id)"), "id": .string(String(id)),
            "key": .string(projects.key(index)), "name": .string(projects.name(index)),
            "projectTypeKey": "software", "simplified": false, "style": "classic",
            "avatarUrls": ["48x48": .string("\(base)/secure/projectavatar?pid=\(id)")],
            "projectCategory": [
                "self": .string("\(base)/rest/api/\(apiVersion)/projectCategory/\(category.id)"),
                "id": .string(category.id),
                "name": .string(category.name), "description": "",
            ],
        ]
    }

    /// The short form of a linked issue (`parent`, `subtasks`).
    func summaryForm(_ issue: WorkItem) -> JSONValue {
        var fields: [String: JSONValue] = [
            "summary": .string(issue.summary), "status": status(issue.status), "issuetype": issueType(issue.type),
        ]
        fields["priority"] = issue.priority.map(priority) ?? .null
        return [
            "id": .string(String(issue.id)), "key": .string(issue.key),
            "self": .string("\(base)/rest/api/\(apiVersion)/issue/\(issue.id)"), "fields": .object(fields),
        ]
    }

    func richText(_ text: String) -> JSONValue { isV3 ? JiraDocuments.comment(text) : .string(text) }

    func comment(_ child: WorkItem.Child, issueID: Int) -> JSONValue {
        [
            "self": .string("\(base)/rest/api/\(apiVersion)/issue/\(issueID)/comment/\(child.id)"),
            "id": .string(String(child.id)), "author": user(child.author), "updateAuthor": user(child.author),
            "body": richText(child.text), "created": .string(time(child.created)),
            "updated": .string(time(child.updated)),
            "jsdPublic": true,
        ]
    }

    func worklog(_ child: WorkItem.Child, issueID: Int) -> JSONValue {
        var object: [String: JSONValue] = [
            "self": .string("\(base)/rest/api/\(apiVersion)/issue/\(issueID)/worklog/\(child.id)"),
            "id": .string(String(child.id)), "issueId": .string(String(issueID)), "author": user(child.author),
            "updateAuthor": user(child.author), "created": .string(time(child.created)),
            "updated": .string(time(child.updated)), "started": .string(time(child.created)),
            "timeSpentSeconds": .number(Double(child.seconds)), "timeSpent": .string(Self.duration(child.seconds)),
        ]
        if !child.text.isEmpty { object["comment"] = richText(child.text) }
        return .object(object)
    }

    static func duration(_ seconds: Int) -> String {
        let hours = seconds / 3600
        let minutes = seconds % 3600 / 60
        if hours > 0 && minutes > 0 { return "\(hours)h \(minutes)m" }
        return hours > 0 ? "\(hours)h" : "\(minutes)m"
    }

    func attachment(_ child: WorkItem.Child) -> JSONValue {
        [
            "self": .string("\(base)/rest/api/\(apiVersion)/attachment/\(child.id)"), "id": .string(String(child.id)),
            "filename": .string(child.text), "author": user(child.author), "created": .string(time(child.created)),
            "size": .number(Double(child.size)), "mimeType": .string(child.mimeType),
            "content": .string("\(base)/rest/api/\(apiVersion)/attachment/content/\(child.id)"),
        ]
    }

    func page(_ name: String, _ items: [JSONValue], total: Int, startAt: Int = 0) -> JSONValue {
        [
            "startAt": .number(Double(startAt)), "maxResults": .number(Double(items.count)),
            "total": .number(Double(total)), name: .array(items),
        ]
    }

    /// Every field of an issue, keyed by field id; `links` are the issue's links with the item at
    /// their other end.
    func fields(
        _ issue: WorkItem, parent: WorkItem?, subtasks: [WorkItem], links: [(link: WorkLink, other: WorkItem)] = []
    ) -> [String: JSONValue] {
        let limit = embeddedChildLimit
        var fields: [String: JSONValue] = [
            "summary": .string(issue.summary), "status": status(issue.status), "issuetype": issueType(issue.type),
            "project": project(issue.project), "reporter": user(issue.reporter), "creator": user(issue.reporter),
            "created": .string(time(issue.created)), "updated": .string(time(issue.updated)),
            "labels": .array(issue.labels.map(JSONValue.string)),
            "components": .array(
                issue.components.enumerated().map {
                    ["id": .string(String(10_000 + $0.offset)), "name": .string($0.element)]
                }),
            "fixVersions": .array(
                issue.fixVersions.map {
                    [
                        "id": .string("1\($0.replacingOccurrences(of: ".", with: ""))"), "name": .string($0),
                        "released": false,
                    ]
                }),
            "subtasks": .array(subtasks.map(summaryForm)),
            "comment": [
                "comments": .array(issue.comments.prefix(limit).map { comment($0, issueID: issue.id) }),
                "maxResults": .number(Double(min(limit, issue.comments.count))),
                "total": .number(Double(issue.comments.count)),
                "startAt": 0, "self": .string("\(base)/rest/api/\(apiVersion)/issue/\(issue.id)/comment"),
            ],
            "worklog": [
                "worklogs": .array(issue.worklogs.prefix(limit).map { worklog($0, issueID: issue.id) }),
                "maxResults": .number(Double(min(limit, issue.worklogs.count))),
                "total": .number(Double(issue.worklogs.count)),
                "startAt": 0,
            ],
            "attachment": .array(issue.attachments.map(attachment)),
            "issuelinks": .array(links.map { issueLink($0.link, other: $0.other, from: issue.id) }),
            "watches": ["watchCount": 1, "isWatching": false],
        ]
        fields["customfield_10020"] = sprints(issue)
        fields["assignee"] = issue.assignee.map(user) ?? .null
        fields["priority"] = issue.priority.map(priority) ?? .null
        fields["duedate"] = issue.dueDate.map(JSONValue.string) ?? .null
        fields[storyPointsField] = issue.storyPoints.map(JSONValue.number) ?? .null
        fields["parent"] = parent.map(summaryForm) ?? .null
        fields["resolution"] =
            issue.resolution.map {
                let resolution = JiraReferenceData.resolutions[$0]
                return ["id": .string(resolution.id), "name": .string(resolution.name)]
            } ?? .null
        fields["resolutiondate"] = issue.resolution == nil ? .null : .string(time(issue.updated))
        if let variant = issue.variant {
            fields["description"] =
                isV3
                ? JiraDocuments.description(
                    variant: variant, summary: issue.summary, mention: (users[1].accountID, users[1].displayName))
                : .string(JiraDocuments.wiki(variant: variant, summary: issue.summary))
        } else {
            fields["description"] = .null
        }
        return fields
    }

    /// One entry of `issuelinks`: the link's type and the issue at its other end, inward or outward.
    func issueLink(_ link: WorkLink, other: WorkItem, from id: Int) -> JSONValue {
        let types = WorkLink.Kind.allCases
        let typeID = 10_000 + (types.firstIndex(of: link.kind) ?? 0)
        var entry: [String: JSONValue] = [
            "id": .string(String(20_000 + link.id)),
            "self": .string("\(base)/rest/api/\(apiVersion)/issueLink/\(20_000 + link.id)"),
            "type": [
                "id": .string(String(typeID)), "name": .string(link.kind.rawValue), "inward": .string(link.kind.inward),
                "outward": .string(link.kind.outward),
                "self": .string("\(base)/rest/api/\(apiVersion)/issueLinkType/\(typeID)"),
            ],
        ]
        entry[link.from == id ? "outwardIssue" : "inwardIssue"] = summaryForm(other)
        return .object(entry)
    }

    /// The issue object as search and `GET /issue` return it, with only the requested fields.
    func issue(_ record: WorkItem, fields: [String: JSONValue], selection: FieldSelection) -> JSONValue {
        var selected: [String: JSONValue] = [:]
        switch selection {
        case .all: selected = fields
        case .only(let names):
            for name in names { if let value = fields[name] { selected[name] = value } }
        case .allExcept(let names):
            selected = fields.filter { !names.contains($0.key) }
        }
        return [
            "expand": "operations,versionedRepresentations,editmeta,changelog,renderedFields",
            "id": .string(String(record.id)),
            "self": .string("\(base)/rest/api/\(apiVersion)/issue/\(record.id)"), "key": .string(record.key),
            "fields": .object(selected),
        ]
    }

    /// The issue's changelog as an issue embeds it: the first `limit` histories and the total.
    func changelog(_ issue: WorkItem, limit: Int) -> JSONValue {
        let all = histories(issue)
        let shown = Array(all.prefix(limit))
        return [
            "startAt": 0, "maxResults": .number(Double(shown.count)), "total": .number(Double(all.count)),
            "histories": .array(shown),
        ]
    }

    /// Every history of the issue, oldest first: one change, one item (as the world records them).
    func histories(_ issue: WorkItem) -> [JSONValue] {
        issue.history.map { change in
            [
                "id": .string(String(change.id)), "author": user(change.author), "created": .string(time(change.at)),
                "items": [historyItem(change)],
            ]
        }
    }

    /// One changelog item: the field and its values before and after, as ids and as shown.
    func historyItem(_ change: WorkChange) -> JSONValue {
        func shown(_ value: String?) -> (id: JSONValue, text: JSONValue) {
            guard let value else { return (.null, .null) }
            guard let index = Int(value) else { return (.null, .string(value)) }
            switch change.field {
            case "status":
                let status = JiraReferenceData.statuses[index % JiraReferenceData.statuses.count]
                return (.string(status.id), .string(status.name))
            case "priority":
                let priority = JiraReferenceData.priorities[index % JiraReferenceData.priorities.count]
                return (.string(priority.id), .string(priority.name))
            case "assignee":
                let person = users[index % users.count]
                return (.string(deployment == .cloud ? person.accountID : person.name), .string(person.displayName))
            default:
                return (.null, .string(value))
            }
        }
        let from = shown(change.from)
        let to = shown(change.to)
        var item: [String: JSONValue] = [
            "field": .string(change.field), "fieldtype": "jira", "from": from.id, "fromString": from.text,
            "to": to.id, "toString": to.text,
        ]
        if deployment == .cloud, change.field != "Key" { item["fieldId"] = .string(change.field) }
        return .object(item)
    }

    /// The Sprint field: the two-week sprint the issue was created in (closed once the issue is done).
    /// Cloud sends objects; Data Center the text its Java objects print.
    func sprints(_ issue: WorkItem) -> JSONValue {
        guard issue.type != "Epic" else { return .null }
        let number = issue.sprintNumber
        let start = issue.sprintStart
        let end = start + 14 * 86_400_000
        let done = JiraReferenceData.statuses[issue.status % JiraReferenceData.statuses.count].categoryKey == "done"
        let state = done ? "closed" : "active"
        let iso = { (milliseconds: Int64) in Timestamp(millisecondsSince1970: milliseconds).iso8601 }
        guard deployment == .cloud else {
            var text = "com.atlassian.greenhopper.service.sprint.Sprint@\(String(number, radix: 16))[id=\(number),"
            text += "rapidViewId=1,state=\(state.uppercased()),name=Sprint \(number),startDate=\(iso(start)),"
            text += "endDate=\(iso(end)),completeDate=\(done ? iso(end) : "<null>"),sequence=\(number),goal=]"
            return [.string(text)]
        }
        var sprint: [String: JSONValue] = [
            "id": .number(Double(number)), "name": .string("Sprint \(number)"), "state": .string(state),
            "boardId": 1, "goal": "", "startDate": .string(iso(start)), "endDate": .string(iso(end)),
        ]
        if done { sprint["completeDate"] = .string(iso(end)) }
        return [.object(sprint)]
    }
}

/// Which fields a request asked for (`fields=summary,status`, `*all`, `*navigable`, `-comment`).
enum FieldSelection: Sendable, Hashable {
    case all
    case only(Set<String>)
    case allExcept(Set<String>)

    static func parse(_ list: [String], default fallback: FieldSelection) -> FieldSelection {
        let names = list.flatMap { $0.split(separator: ",") }.map { $0.trimmingCharacters(in: .whitespaces) }.filter {
            !$0.isEmpty
        }
        if names.isEmpty { return fallback }
        let exclusions = Set(names.filter { $0.hasPrefix("-") }.map { String($0.dropFirst()) })
        if names.contains("*all") || names.contains("*navigable") {
            return exclusions.isEmpty ? .all : .allExcept(exclusions)
        }
        return .only(Set(names.filter { !$0.hasPrefix("-") }))
    }

    /// Only ids or keys: Jira allows much larger pages then.
    var isIDsOnly: Bool {
        if case .only(let names) = self { return names.isSubset(of: ["id", "key"]) }
        return false
    }
}
