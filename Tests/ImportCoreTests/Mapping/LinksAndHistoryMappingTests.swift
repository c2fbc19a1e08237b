import Foundation
import ImportCore
import Testing

/// Links, changelog items (mapped `within` their history), original dates and sprints through the
/// shipped Jira table, on records written here.
@Suite("Links, history, sprints and original dates in the Jira table")
struct LinksAndHistoryMappingTests {
    let evaluator: MappingEvaluator

    init() throws {
        evaluator = MappingEvaluator(
            table: try MappingParser.load(path: Fixtures.repositoryRoot + "/Providers/jira/mapping.json"))
    }

    static let record = """
        {"id": "501", "key": "OPS-7",
         "fields": {"summary": "Pump station alarm", "status": {"name": "Done", "statusCategory": {"key": "done"}},
           "updated": "2025-03-04T10:00:00.000+0100", "created": "2025-01-02T09:30:00.000+0100",
           "resolutiondate": "2025-03-04T09:59:00.000+0100",
           "reporter": {"accountId": "acc-ines", "displayName": "Inês Duarte"},
           "customfield_10020": [
             {"id": 12, "name": "Night shift 4", "state": "closed", "startDate": "2025-02-01T00:00:00.000Z",
              "endDate": "2025-02-15T00:00:00.000Z", "completeDate": "2025-02-15T08:00:00.000Z"},
             "com.atlassian.greenhopper.service.sprint.Sprint@3f[id=13,rapidViewId=2,state=ACTIVE,name=Night shift 5, east wing,startDate=2025-02-15T00:00:00.000Z,endDate=<null>,completeDate=<null>,sequence=13,goal=]"
           ],
           "issuelinks": [
             {"id": "9001", "type": {"name": "Blocks", "inward": "is blocked by", "outward": "blocks"},
              "outwardIssue": {"id": "502", "key": "OPS-8"}},
             {"id": "9002", "type": {"name": "Duplicate", "inward": "is duplicated by", "outward": "duplicates"},
              "inwardIssue": {"id": "480", "key": "OPS-2"}}
           ]},
         "changelog": {"total": 2, "histories": [
           {"id": "77", "created": "2025-02-01T08:00:00.000+0100", "author": {"accountId": "acc-lee", "displayName": "Lee Park"},
            "items": [
              {"field": "status", "fromString": "To Do", "toString": "In Progress", "from": "10000", "to": "3"},
              {"field": "labels", "fromString": "", "toString": "night"}]},
           {"id": "78", "created": "2025-03-04T09:59:00.000+0100", "author": {"accountId": "acc-lee", "displayName": "Lee Park"},
            "items": [
              {"field": "resolution", "fromString": null, "toString": "Done", "from": null, "to": "10000"},
              {"field": "status", "fromString": "In Progress", "toString": "Done", "from": "3", "to": "10001"}]}
         ]}}
        """

    @Test("links keep their type and direction: outward from this issue, inward from the other")
    func links() throws {
        let task = try evaluator.canonical(try JSONParser.parse(Data(Self.record.utf8)), source: "jira")
        #expect(task.links.count == 2)
        let blocks = try #require(task.links.first { $0.type == "Blocks" })
        #expect(blocks.fromExternalID == "501" && blocks.toExternalID == "502" && blocks.outward == "blocks")
        let duplicate = try #require(task.links.first { $0.type == "Duplicate" })
        #expect(duplicate.fromExternalID == "480" && duplicate.toExternalID == "501")
    }

    @Test("changelog items become history with ids issue:history:field, only for the listed fields")
    func history() throws {
        let task = try evaluator.canonical(try JSONParser.parse(Data(Self.record.utf8)), source: "jira")
        #expect(task.history.map(\.ref.id) == ["501:77:status", "501:78:resolution", "501:78:status"])
        let first = try #require(task.history.first)
        #expect(first.fromText == "To Do" && first.toText == "In Progress" && first.toID == "3")
        #expect(first.author?.externalID == "acc-lee" && first.changedAt == "2025-02-01T07:00:00.000Z")
        #expect(task.history[1].fromText == nil && task.history[1].toText == "Done")
    }

    @Test("original dates, reporter, and sprints from both Cloud objects and Data Center texts")
    func datesAndSprints() throws {
        let task = try evaluator.canonical(try JSONParser.parse(Data(Self.record.utf8)), source: "jira")
        #expect(task.createdAt == "2025-01-02T08:30:00.000Z")
        #expect(task.resolvedAt == "2025-03-04T08:59:00.000Z")
        #expect(task.reporter?.externalID == "acc-ines" && task.reporter?.displayName == "Inês Duarte")
        #expect(task.sprints.map(\.name) == ["Night shift 4", "Night shift 5, east wing"])
        #expect(task.sprints[0].state == "closed" && task.sprints[0].completeDate == "2025-02-15T08:00:00.000Z")
        #expect(task.sprints[1].id == "13" && task.sprints[1].state == "active" && task.sprints[1].endDate == nil)
    }

    @Test("a value in the Sprint field's place that is not a sprint is left out, never a failure")
    func notASprint() throws {
        let text = Self.record.replacingOccurrences(
            of: #""customfield_10020": ["#, with: #""customfield_10020": "3_*:*_1_*:*_78475", "unused": ["#)
        let task = try evaluator.canonical(try JSONParser.parse(Data(text.utf8)), source: "jira")
        #expect(task.sprints.isEmpty)
    }

    @Test("a link without a direction, or pointing nowhere, fails the record with the rule's location")
    func badLink() throws {
        let text = Self.record.replacingOccurrences(
            of: #""outwardIssue": {"id": "502", "key": "OPS-8"}"#, with: #""note": 1"#)
        #expect(throws: MappingError.self) {
            _ = try evaluator.canonical(try JSONParser.parse(Data(text.utf8)), source: "jira")
        }
    }

    @Test("`within` and `~` are part of the table's source paths (changelog is asked for)")
    func sourcePaths() {
        let paths = evaluator.table.resolvedSourcePaths(fieldIDs: evaluator.fieldIDs)
        #expect(paths.contains("changelog.histories[*].items[*].fromString"))
        #expect(paths.contains("changelog.histories[*].created"))
    }
}
