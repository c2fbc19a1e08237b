import Foundation
import ImportCore
import Testing

/// Real responses recorded by public projects (see Fixtures/jira/README.md) decode without loss and map.
@Suite("Real Jira samples")
struct JiraSamplesTests {
    let evaluator: MappingEvaluator

    init() throws {
        evaluator = MappingEvaluator(
            table: try Fixtures.jiraTable(), overrides: ["baseUrl": "https://airbyteio.atlassian.net"])
    }

    @Test(
        "every sample and API example parses and re-serialises to an equal value",
        arguments: [
            "jira/cloud-v3-comments-airbyte.json", "jira/cloud-v3-search-page-airbyte-issues.json",
            "jira/cloud-webhook-issue-created-many-fields.json",
            "jira/cloud-webhook-issue-updated-resolved-changelog.json",
            "jira/server-v2-search-page-jira-ruby.json", "jira/server-v2-statuscategories-apache.json",
            "jira/server-v2-worklogs-page-jira-ruby.json", "jira-examples/get_search_jql_200.json",
            "jira-examples/get_issue_KEY_200.json", "jira-examples/get_myself_200.json",
            "jira-examples/get_project_search_200.json",
        ])
    func lossless(_ name: String) throws {
        let data = try Fixtures.data(name)
        let value = try JSONParser.parse(data)
        #expect(try JSONParser.parse(value.jsonText) == value)
        // Foundation's parser agrees on the number of members at the top.
        let foundation = try JSONSerialization.jsonObject(with: data)
        if let dictionary = foundation as? [String: Any] {
            #expect(dictionary.count == value.objectValue?.count)
        } else if let array = foundation as? [Any] {
            #expect(array.count == value.arrayValue?.count)
        }
    }

    @Test("the Cloud v3 search page (Airbyte) maps: epic with ADF description, labels, priority")
    func cloudSearchPage() throws {
        let page = try Fixtures.json("jira/cloud-v3-search-page-airbyte-issues.json")
        let issues = page["issues"]?.arrayValue ?? []
        #expect(!issues.isEmpty)
        for issue in issues {
            let task = try evaluator.canonical(issue, source: "jira")
            #expect(task.ref.id == issue["id"]?.stringValue)
            #expect(task.ref.url == "https://airbyteio.atlassian.net/browse/\(issue["key"]!.stringValue!)")
            #expect(!task.title.isEmpty)
        }
        let epic = try evaluator.canonical(issues[0], source: "jira")
        #expect(epic.category == "Strategy")
        #expect(epic.sourceType == "Epic")
        #expect(epic.priority == "Low")
        #expect(epic.labels == ["test"])
        #expect(["Not Started", "In Progress", "Completed", "Blocked"].contains(epic.status))
    }

    @Test("the Data Center v2 search page (jira-ruby) maps: wiki text descriptions, name-keyed users")
    func serverSearchPage() throws {
        let page = try Fixtures.json("jira/server-v2-search-page-jira-ruby.json")
        let issues = page["issues"]?.arrayValue ?? []
        #expect(issues.count == 11)
        for issue in issues {
            let task = try evaluator.canonical(issue, source: "jira")
            #expect(task.ref.updatedAt?.hasSuffix("Z") == true)
            #expect(task.priority == "Medium" || task.priority == "High" || task.priority == "Low")
        }
        let first = try evaluator.canonical(issues[0], source: "jira")
        #expect(first.ref.key == "SAMPLEPROJECT-13")
        #expect(first.ref.updatedAt == "2011-12-15T02:35:06.000Z")
        #expect(first.sourcePriority == "Major")
        #expect(first.priority == "Medium")
        #expect(first.description == nil)
    }

    @Test("webhook issues carry REST shapes; custom fields of many types never crash the mapper")
    func webhooks() throws {
        for name in [
            "jira/cloud-webhook-issue-created-many-fields.json",
            "jira/cloud-webhook-issue-updated-resolved-changelog.json",
        ] {
            let issue = try Fixtures.json(name)["issue"]!
            let task = try evaluator.canonical(issue, source: "jira")
            #expect(!task.title.isEmpty)
        }
    }

    @Test("Cloud comment pages and Server worklog pages map as child records")
    func childPages() throws {
        let comments = try Fixtures.json("jira/cloud-v3-comments-airbyte.json")["comments"]!
        let worklogs = try Fixtures.json("jira/server-v2-worklogs-page-jira-ruby.json")["worklogs"]!
        var issue = jiraIssue()
        if case .object(var root) = issue, case .object(var fields) = root["fields"]! {
            fields["comment"] = ["comments": comments]
            fields["worklog"] = ["worklogs": worklogs]
            root["fields"] = .object(fields)
            issue = .object(root)
        }
        let task = try evaluator.canonical(issue, source: "jira")
        #expect(task.comments.count == comments.arrayValue?.count)
        #expect(task.comments.allSatisfy { !$0.ref.id.isEmpty })
        #expect(task.worklogs.count == worklogs.arrayValue?.count)
        #expect(task.worklogs.allSatisfy { $0.seconds > 0 })
    }
}
