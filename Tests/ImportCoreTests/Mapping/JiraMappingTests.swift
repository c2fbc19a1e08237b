import Foundation
import ImportCore
import Testing

@Suite("The default Jira mapping table")
struct JiraMappingTests {
    let table: MappingTable
    let evaluator: MappingEvaluator

    init() throws {
        table = try Fixtures.jiraTable()
        evaluator = MappingEvaluator(table: table, overrides: ["baseUrl": "https://example.atlassian.net"])
    }

    func map(_ issue: JSONValue) throws -> CanonicalTask {
        try evaluator.canonical(issue, source: "jira")
    }

    @Test("every row of the table maps as documented")
    func fullIssue() throws {
        let task = try map(
            jiraIssue(
                subtasks: [jiraSubtask(1, done: true), jiraSubtask(2, done: false)],
                comments: [
                    [
                        "id": "10000", "created": "2024-01-13T12:34:00.000+0000",
                        "updated": "2024-01-13T12:35:00.000+0000",
                        "author": ["accountId": "b2", "displayName": "Bob", "emailAddress": "bob@example.com"],
                        "body": [
                            "type": "doc", "version": 1,
                            "content": [["type": "paragraph", "content": [["type": "text", "text": "Looks good"]]]],
                        ],
                    ]
                ]))
        #expect(
            task.ref
                == ExternalRef(
                    source: "jira", id: "10042", key: "ENG-42", url: "https://example.atlassian.net/browse/ENG-42",
                    updatedAt: "2024-01-15T10:20:30.123Z"))
        #expect(task.container == "ENG")
        #expect(task.title == "Checkout fails on Safari")
        #expect(task.description == "Steps to reproduce")
        #expect(task.status == "In Progress")
        #expect(task.sourceStatus == "In Progress")
        #expect(task.priority == "High")
        #expect(task.sourcePriority == "Highest")
        #expect(task.category == "Testing")
        #expect(task.sourceType == "Bug")
        #expect(
            task.assignees == [
                UserReference(
                    email: "mia@example.com", displayName: "Mia Krystof", externalID: "5b10a2844c20165700ede21g")
            ])
        #expect(task.dueDate == "2024-03-01")
        #expect(task.milestone == MilestoneReference(title: "Payments revamp", externalID: "10001"))
        #expect(task.parentExternalID == "10001")
        #expect(task.storyPoints == 3)
        #expect(task.estimatedHours == 6)
        #expect(task.labels == ["frontend"])
        #expect(task.custom["components"] == ["Web"])
        #expect(task.custom["fixVersions"] == ["1.4"])
        #expect(task.checklist.map(\.title) == ["Subtask 1", "Subtask 2"])
        #expect(task.checklist.map(\.done) == [true, false])
        #expect(task.checklist.map(\.position) == [0, 1])
        #expect(task.checklist.first?.ref.key == "ENG-101")
        #expect(task.comments.count == 1)
        #expect(task.comments.first?.body == "Looks good")
        #expect(task.comments.first?.author?.email == "bob@example.com")
        #expect(task.comments.first?.createdAt == "2024-01-13T12:34:00.000Z")
        #expect(task.comments.first?.ref.url == "https://example.atlassian.net/browse/ENG-42?focusedCommentId=10000")
        #expect(task.worklogs.first?.seconds == 12000)
        #expect(task.worklogs.first?.startedAt == "2024-01-12T08:00:00.000Z")
        #expect(task.worklogs.first?.comment == "Investigated")
        #expect(task.attachments.first?.ref.id == "10001")
        #expect(task.attachments.first?.filename == "debuglog.txt")
        #expect(task.attachments.first?.sizeBytes == 2460)
    }

    @Test(
        "status: categories, the blocked rule (name or label, not when done), unknown categories",
        arguments: [
            ("To Do", "new", [], "Not Started"),
            ("In Progress", "indeterminate", [], "In Progress"),
            ("Done", "done", [], "Completed"),
            ("Blocked", "indeterminate", [], "Blocked"),
            ("Waiting: IMPEDIMENT", "new", [], "Blocked"),
            ("In Progress", "indeterminate", ["blocked"], "Blocked"),
            ("In Progress", "indeterminate", ["BLOCKED"], "Blocked"),
            ("Blocked", "done", ["blocked"], "Completed"),
            ("Triage", "undefined", [], "Not Started"),
            ("Mystery", "brand-new-category", [], "Not Started"),
        ] as [(String, String, [String], String)])
    func status(_ name: String, _ category: String, _ labels: [String], _ expected: String) throws {
        let task = try map(
            jiraIssue(statusName: name, category: .string(category), labels: labels.map(JSONValue.string)))
        #expect(task.status == expected)
        #expect(task.sourceStatus == name)
    }

    @Test(
        "priority many-to-one, and missing priority is Medium",
        arguments: [
            ("Highest", "High"), ("Critical", "High"), ("Blocker", "High"), ("High", "High"), ("Medium", "Medium"),
            ("Low", "Low"), ("Lowest", "Low"), ("Trivial", "Low"), ("Minor", "Low"), ("Major", "Medium"),
            ("highest", "High"),
        ])
    func priority(_ source: String, _ expected: String) throws {
        let task = try map(jiraIssue(priority: ["name": .string(source)]))
        #expect(task.priority == expected)
        #expect(task.sourcePriority == source)
    }

    @Test("null priority maps to Medium with no source priority")
    func nullPriority() throws {
        let task = try map(jiraIssue(priority: .null))
        #expect(task.priority == "Medium")
        #expect(task.sourcePriority == nil)
    }

    @Test(
        "issue types to categories, unknown types to General",
        arguments: [
            ("Bug", "Testing"), ("Story", "Development"), ("Task", "Development"), ("Sub-task", "Development"),
            ("Subtask", "Development"), ("Improvement", "Development"), ("New Feature", "Development"),
            ("Epic", "Strategy"),
            ("Initiative", "Strategy"), ("Spike", "Research"), ("Incident", "General"), ("Änderung", "General"),
        ])
    func categories(_ type: String, _ expected: String) throws {
        let task = try map(jiraIssue(issueType: type))
        #expect(task.category == expected)
        #expect(task.sourceType == type)
    }

    @Test("null description and hidden assignee email")
    func nullDescriptionHiddenEmail() throws {
        let task = try map(
            jiraIssue(
                description: .null,
                assignee: ["accountId": "557058:f58131cb", "displayName": "Private Person", "active": true]))
        #expect(task.description == nil)
        #expect(
            task.assignees == [UserReference(email: nil, displayName: "Private Person", externalID: "557058:f58131cb")])
        let unassigned = try map(jiraIssue(assignee: .null))
        #expect(unassigned.assignees.isEmpty)
    }

    @Test("a long title is cut to 200 Unicode scalars, as a database counts, without splitting a character")
    func longTitle() throws {
        // 199 letters, then a 5-scalar emoji sequence at the cut: it goes whole (it used to stay, 204 scalars).
        let title = String(repeating: "a", count: 199) + "👩🏽‍💻" + String(repeating: "b", count: 50)
        let task = try map(jiraIssue(summary: .string(title)))
        #expect(task.title == String(repeating: "a", count: 199))
        // Letters with combining accents: 2 scalars each, so 100 of them.
        let accented = String(repeating: "e\u{301}", count: 150)
        let cut = try map(jiraIssue(summary: .string(accented))).title
        #expect(cut.unicodeScalars.count == 200)
        #expect(cut.count == 100)
        let custom = MappingEvaluator(table: table, overrides: ["truncateTitle": 10])
        #expect(try custom.canonical(jiraIssue(summary: .string(title)), source: "jira").title == "aaaaaaaaaa")
    }

    @Test("subtasks beyond 30 are cut to 30 checklist items, in order")
    func manySubtasks() throws {
        let task = try map(jiraIssue(subtasks: (1...45).map { jiraSubtask($0, done: $0 % 2 == 0) }))
        #expect(task.checklist.count == 30)
        #expect(task.checklist.last?.title == "Subtask 30")
        let more = MappingEvaluator(table: table, overrides: ["maxChecklistItems": 40])
        #expect(
            try more.canonical(jiraIssue(subtasks: (1...45).map { jiraSubtask($0, done: false) }), source: "jira")
                .checklist.count == 40)
    }

    @Test("story points: hours per point from the run config; by display name through the field list")
    func storyPoints() throws {
        let three = MappingEvaluator(table: table, overrides: ["hoursPerStoryPoint": 3.5])
        #expect(try three.canonical(jiraIssue(storyPoints: 8), source: "jira").estimatedHours == 28)
        let byName = MappingEvaluator(
            table: table,
            fields: [SourceField(id: "customfield_10028", name: "Story Points", isCustom: true, type: "number")])
        #expect(byName.fieldIDs["storyPoints"] == "customfield_10028")
        let issue = jiraIssue(storyPoints: .null, extraFields: ["customfield_10028": 5])
        let task = try byName.canonical(issue, source: "jira")
        #expect(task.storyPoints == 5)
        #expect(task.estimatedHours == 10)
        #expect(try map(jiraIssue(storyPoints: .null)).estimatedHours == nil)
    }

    @Test("a custom field of the wrong shape is a per-record error naming the field")
    func customFieldTypeCheck() throws {
        #expect {
            _ = try map(jiraIssue(storyPoints: ["value": "XL"]))
        } throws: { error in
            "\(error)".contains("$storyPoints") && "\(error)".contains("expected number")
                && "\(error)".contains("ENG-42")
        }
    }

    @Test("parents: an epic parent is a milestone, any parent is the parent link")
    func parents() throws {
        let story: JSONValue = [
            "id": "10050", "key": "ENG-50",
            "fields": ["summary": "Parent story", "issuetype": ["name": "Story", "hierarchyLevel": 0]],
        ]
        let task = try map(jiraIssue(issueType: "Sub-task", parent: story))
        #expect(task.milestone == nil)
        #expect(task.parentExternalID == "10050")
        let orphan = try map(jiraIssue(parent: .null))
        #expect(orphan.milestone == nil)
        #expect(orphan.parentExternalID == nil)
    }

    @Test("a record without id or summary is a clear per-record error")
    func missingRequired() throws {
        #expect(throws: MappingError.self) { _ = try map(["key": "ENG-9", "fields": ["summary": "x"]]) }
        #expect(throws: MappingError.self) { _ = try map(jiraIssue(summary: .null)) }
        #expect(throws: MappingError.self) { _ = try map(jiraIssue(summary: ["not": "text"])) }
        #expect(throws: MappingError.self) { _ = try map("just a string") }
    }

    @Test("ids are stable and timestamps UTC across two mappings")
    func stable() throws {
        let issue = jiraIssue()
        #expect(try map(issue) == map(issue))
        #expect(try map(issue).ref.updatedAt?.hasSuffix("Z") == true)
    }

    @Test("the table asks Jira only for the fields it reads")
    func sourceFields() throws {
        let fields = Set(table.sourceFields(fieldIDs: evaluator.fieldIDs))
        #expect(
            fields == [
                "updated", "project", "summary", "description", "status", "labels", "priority", "issuetype", "assignee",
                "duedate", "parent", "customfield_10016", "components", "fixVersions", "subtasks", "comment", "worklog",
                "attachment", "created", "resolutiondate", "reporter", "customfield_10020", "issuelinks",
            ])
    }
}
