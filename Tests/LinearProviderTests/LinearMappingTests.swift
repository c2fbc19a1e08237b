import Foundation
import ImportCore
import TestSupport
import Testing

/// The shipped Linear table on Linear's recorded answers (`@linear/sdk`'s recorded user issues) and
/// on hand-made edge cases: identity, priority 0–4, state types, the Type label group, Markdown.
@Suite("Linear mapping table")
struct LinearMappingTests {
    let evaluator: MappingEvaluator

    init() throws {
        evaluator = MappingEvaluator(
            table: try MappingParser.load(
                path: CLIProcess.repositoryRoot.appendingPathComponent("Providers/linear/mapping.json").path),
            overrides: ["baseUrl": "https://linear.app/lefthook-app-dev"])
    }

    @Test("recorded issues: UUID, identifier, URL and time as provenance; priority; Markdown to plain text")
    func recorded() throws {
        let url = try #require(
            Bundle.module.url(forResource: "Fixtures/sdk-recorded-user-issues-projects.json", withExtension: nil))
        let nodes = try JSONParser.parse(try Data(contentsOf: url))["getUser"]?["assignedIssues"]?["nodes"]?.arrayValue
        let issues = try #require(nodes)
        let first = try evaluator.canonical(issues[0], source: "linear")
        #expect(first.ref.id == "7f65601a-dc6a-4c01-acda-9f5ae3b2761f")
        #expect(first.ref.key == "LEF-1")
        #expect(first.ref.url?.hasPrefix("https://linear.app/lefthook-app-dev/issue/LEF-1/") == true)
        #expect(first.ref.updatedAt == "2024-03-22T12:52:30.301Z")
        #expect(first.title == "Welcome to Linear 👋")
        #expect(first.priority == "High")
        #expect(first.sourcePriority == "High")
        let description = try #require(first.description)
        #expect(description.contains("ProTips."))
        #expect(!description.contains("**"), "Markdown emphasis is flattened")
        let second = try evaluator.canonical(issues[1], source: "linear")
        #expect(second.priority == "Medium")
        #expect(second.ref.key == "LEF-2")
    }

    @Test("state types, priorities, the Type label group, archived issues")
    func edgeCases() throws {
        func issue(_ fields: [String: JSONValue]) throws -> CanonicalTask {
            var record: [String: JSONValue] = [
                "id": "u-1", "identifier": "ENG-1", "url": "https://linear.app/x/issue/ENG-1",
                "updatedAt": "2024-05-01T10:00:00.000Z", "title": "A title", "team": ["key": "ENG"],
            ]
            for (key, value) in fields { record[key] = value }
            return try evaluator.canonical(.object(record), source: "linear")
        }
        for (type, status) in [
            ("triage", "Not Started"), ("backlog", "Not Started"), ("unstarted", "Not Started"),
            ("started", "In Progress"), ("completed", "Completed"), ("canceled", "Completed"),
        ] {
            #expect(try issue(["state": ["type": .string(type), "name": "X"]]).status == status, "\(type)")
        }
        for (priority, mapped) in [(0, "Medium"), (1, "High"), (2, "High"), (3, "Medium"), (4, "Low")] {
            #expect(try issue(["priority": .number(Double(priority))]).priority == mapped, "\(priority)")
        }
        let labelled = try issue([
            "labels": [
                "nodes": [
                    ["name": "backend", "parent": .null], ["name": "Bug", "parent": ["name": "Type"]],
                    ["name": "urgent", "parent": .null],
                ]
            ]
        ])
        #expect(labelled.sourceType == "Bug")
        #expect(labelled.labels == ["backend", "urgent"])
        let archived = try issue(["archivedAt": "2024-06-01T00:00:00.000Z"])
        #expect(archived.deletedAt == "2024-06-01T00:00:00.000Z")
        #expect(try issue([:]).deletedAt == nil)
    }
}
