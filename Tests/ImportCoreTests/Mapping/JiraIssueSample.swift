import ImportCore

/// A Jira Cloud REST v3 issue as `/rest/api/3/search/jql` returns it, with the fields the default table reads.
func jiraIssue(
    id: String = "10042", key: String = "ENG-42", summary: JSONValue = "Checkout fails on Safari",
    description: JSONValue = [
        "type": "doc", "version": 1,
        "content": [["type": "paragraph", "content": [["type": "text", "text": "Steps to reproduce"]]]],
    ],
    statusName: String = "In Progress", category: JSONValue = "indeterminate",
    priority: JSONValue = ["name": "Highest", "id": "1"],
    issueType: String = "Bug",
    assignee: JSONValue = [
        "accountId": "5b10a2844c20165700ede21g", "emailAddress": "mia@example.com", "displayName": "Mia Krystof",
        "active": true, "timeZone": "Australia/Sydney",
    ],
    labels: [JSONValue] = ["frontend"], dueDate: JSONValue = "2024-03-01", storyPoints: JSONValue = 3,
    parent: JSONValue = [
        "id": "10001", "key": "ENG-1",
        "fields": [
            "summary": "Payments revamp", "status": ["name": "In Progress"],
            "issuetype": ["name": "Epic", "hierarchyLevel": 1, "subtask": false],
        ],
    ],
    subtasks: [JSONValue] = [], comments: [JSONValue] = [], extraFields: [String: JSONValue] = [:]
) -> JSONValue {
    var fields: [String: JSONValue] = [
        "summary": summary,
        "description": description,
        "status": [
            "name": .string(statusName), "id": "3",
            "statusCategory": ["key": category, "name": "In Progress", "id": 4, "colorName": "yellow"],
        ],
        "priority": priority,
        "issuetype": ["name": .string(issueType), "id": "10004", "subtask": false, "hierarchyLevel": 0],
        "assignee": assignee,
        "labels": .array(labels),
        "duedate": dueDate,
        "customfield_10016": storyPoints,
        "parent": parent,
        "subtasks": .array(subtasks),
        "project": ["id": "10000", "key": "ENG", "name": "Engineering"],
        "updated": "2024-01-15T10:20:30.123+0000",
        "created": "2024-01-10T08:00:00.000+0000",
        "components": [["id": "1", "name": "Web"]],
        "fixVersions": [["id": "2", "name": "1.4"]],
        "comment": [
            "comments": .array(comments), "maxResults": .number(Double(comments.count)),
            "total": .number(Double(comments.count)), "startAt": 0,
        ],
        "worklog": [
            "startAt": 0, "maxResults": 20, "total": 1,
            "worklogs": [
                [
                    "id": "100028", "issueId": .string(id), "timeSpentSeconds": 12000, "timeSpent": "3h 20m",
                    "started": "2024-01-12T09:00:00.000+0100", "updated": "2024-01-12T12:00:00.000+0100",
                    "author": ["accountId": "a1", "displayName": "Mia Krystof", "emailAddress": "mia@example.com"],
                    "comment": [
                        "type": "doc", "version": 1,
                        "content": [["type": "paragraph", "content": [["type": "text", "text": "Investigated"]]]],
                    ],
                ]
            ],
        ],
        "attachment": [
            [
                "id": 10001, "filename": "debuglog.txt", "mimeType": "text/plain", "size": 2460,
                "created": "2023-06-24T19:24:50.000+0000",
                "content": "https://example.atlassian.net/rest/api/3/attachment/content/10001",
                "author": ["accountId": "a1", "displayName": "Mia Krystof"],
            ]
        ],
    ]
    for (name, value) in extraFields { fields[name] = value }
    return [
        "id": .string(id), "key": .string(key), "self": .string("https://example.atlassian.net/rest/api/3/issue/\(id)"),
        "fields": .object(fields),
    ]
}

func jiraSubtask(_ number: Int, done: Bool) -> JSONValue {
    [
        "id": .string(String(20000 + number)), "key": .string("ENG-\(100 + number)"),
        "fields": [
            "summary": .string("Subtask \(number)"),
            "status": ["name": done ? "Done" : "To Do", "statusCategory": ["key": done ? "done" : "new"]],
            "issuetype": ["name": "Sub-task", "subtask": true],
        ],
    ]
}
