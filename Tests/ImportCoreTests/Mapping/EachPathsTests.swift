import Foundation
import ImportCore
import Testing

/// A child mapping whose `each` names several arrays: their elements are mapped one after another
/// into the same kind of record (a source keeping subtasks and checklist items apart), and a table
/// naming a path without `[*]` in that list is refused at that list position.
@Suite("Mapping children from several arrays")
struct EachPathsTests {
    static let table = """
        {"format": 1, "provider": "clickup",
         "record": {"id": "id"},
         "task": {"fields": [
           {"target": "external_id", "from": "id", "required": true},
           {"target": "title", "from": "name"},
           {"target": "status", "from": "state", "default": "Not Started"}]},
         "checklist": {"each": ["subtasks[*]", "checklists[*].items[*]"], "limit": 3, "fields": [
           {"target": "external_id", "from": "id", "required": true},
           {"target": "title", "from": "name"},
           {"target": "done", "from": ["resolved", "closed"], "transforms": ["boolean"], "default": false}]}}
        """

    @Test("the elements of every path, in the table's order, under one limit; each path is asked for")
    func concatenated() throws {
        let table = try MappingParser.parse(Data(Self.table.utf8), origin: "test.json")
        let evaluator = MappingEvaluator(table: table)
        let record = try JSONParser.parse(
            #"""
            {"id": "t1", "name": "Ship the kiosk",
             "subtasks": [{"id": "s1", "name": "Print the stickers", "closed": true}],
             "checklists": [{"id": "c1", "items": [{"id": "i1", "name": "Call the printer", "resolved": false},
                                                   {"id": "i2", "name": "Pay the invoice", "resolved": true}]},
                            {"id": "c2", "items": [{"id": "i3", "name": "Over the limit", "resolved": true}]}]}
            """#)
        let task = try evaluator.canonical(record, source: "clickup")
        #expect(task.checklist.map(\.ref.id) == ["s1", "i1", "i2"])
        #expect(task.checklist.map(\.done) == [true, false, true])
        #expect(task.checklist.map(\.position) == [0, 1, 2])
        let paths = table.resolvedSourcePaths(fieldIDs: [:])
        #expect(paths.contains("subtasks[*].name") && paths.contains("checklists[*].items[*].resolved"))
    }

    @Test("a listed path without [*] is reported at its place in the list")
    func listedPathWithoutWildcard() {
        let text = Self.table.replacingOccurrences(of: #""checklists[*].items[*]""#, with: #""checklists""#)
        #expect(throws: MappingValidationError.self) { _ = try MappingParser.parse(Data(text.utf8), origin: "t") }
        do {
            _ = try MappingParser.parse(Data(text.utf8), origin: "t")
        } catch let error as MappingValidationError {
            #expect(error.problems.map(\.description).contains { $0.contains("checklist.each[1]") })
        } catch {
            Issue.record("unexpected \(error)")
        }
    }
}
