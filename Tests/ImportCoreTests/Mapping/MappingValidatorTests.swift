import Foundation
import ImportCore
import Testing

@Suite("Mapping table validation")
struct MappingValidatorTests {
    func problems(_ json: String, fields: [SourceField]? = nil) -> [String] {
        do {
            _ = try MappingParser.parse(Data(json.utf8), origin: "test.json", fields: fields)
            return []
        } catch let error as MappingValidationError {
            return error.problems.map(\.description)
        } catch {
            return ["unexpected: \(error)"]
        }
    }

    @Test("the shipped tables validate", arguments: ["jira", "asana", "linear", "clickup"])
    func shipped(_ provider: String) throws {
        let table = try MappingParser.load(path: Fixtures.repositoryRoot + "/Providers/\(provider)/mapping.json")
        #expect(table.provider == provider)
    }

    @Test("several mistakes are all reported, each with its JSON path")
    func manyMistakes() {
        let found = problems(
            """
            {
              "format": 1, "provider": "jira", "params": {"hoursPerStoryPoint": 2},
              "customFields": {"points": {"ids": ["customfield_1"], "type": "nmber"}},
              "task": {
                "fields": [
                  {"target": "external_id", "from": "id", "required": true},
                  {"target": "title", "from": "fields..summary"},
                  {"target": "titel", "from": "fields.summary"},
                  {"target": "description", "from": "fields.description", "transforms": ["adfToText", "trunc(10)"]},
                  {"target": "status", "from": "fields.status.statusCategory.key", "map": {"cases": {"done": "Completed"}}},
                  {"target": "story_points", "from": "fields.summary", "transforms": ["trim"]},
                  {"target": "estimated_hours", "from": "fields.$pointz", "transforms": ["number", "multiply(hoursPerPoint)"]},
                  {"target": "title", "from": "fields.summary", "trnsforms": []}
                ]
              },
              "comment": {"fields": [{"target": "external_id", "from": "id"}]}
            }
            """)
        let expected = [
            "customFields.points.type: unknown type \"nmber\"; did you mean \"number\"?",
            "task.fields[1].from: bad path \"fields..summary\"",
            "task.fields[2].target: unknown target field \"titel\" for task records; did you mean \"title\"?",
            "task.fields[3].transforms[1]: unknown transform \"trunc\"; did you mean \"truncate\"?",
            "task.fields[4].map: the target \"status\" is required: give the value map a \"default\"",
            "task.fields[5]: type mismatch: the rule produces text but task.story_points stores number; add the \"number\" transform",
            "task.fields[6].from: unknown custom field alias \"$pointz\"",
            "task.fields[6].transforms[1]: unknown parameter \"hoursPerPoint\"; did you mean \"hoursPerStoryPoint\"?",
            "task.fields[7].trnsforms: unknown key \"trnsforms\"; did you mean \"transforms\"?",
            "task.fields[7].target: target \"title\" is already written by task.fields[1]",
            "comment.each: missing",
        ]
        for prefix in expected {
            #expect(
                found.contains { $0.hasPrefix(prefix) },
                "missing problem: \(prefix)\nfound:\n\(found.joined(separator: "\n"))")
        }
    }

    @Test("structural problems: not JSON, wrong format, missing task, required targets")
    func structural() {
        #expect(problems("{nope").first?.hasPrefix("$: not JSON") == true)
        #expect(
            problems(#"{"format": 2, "provider": "jira", "task": {"fields": []}}"#).contains {
                $0.hasPrefix("format: unsupported format 2")
            })
        #expect(
            problems(#"{"format": 1, "provider": "jira"}"#).contains("task: missing: every table maps the task record"))
        let required = problems(
            #"{"format": 1, "provider": "jira", "task": {"fields": [{"target": "title", "from": "x"}]}}"#)
        #expect(required.contains("task.fields: no rule writes the required target \"external_id\""))
        #expect(required.contains("task.fields: no rule writes the required target \"status\""))
        #expect(
            problems(#"{"format": 1, "provider": "jira", "tsk": {}, "task": {"fields": []}}"#).contains {
                $0.hasPrefix("tsk: unknown key \"tsk\"; did you mean \"task\"?")
            })
    }

    @Test("conditions: unknown operators, bad regular expressions")
    func conditions() {
        let found = problems(
            """
            {"format": 1, "provider": "jira", "task": {"fields": [
              {"target": "external_id", "from": "id"}, {"target": "title", "from": "s"},
              {"target": "status", "rules": [{"when": {"path": "a", "matches": "(unclosed"}, "value": "X"},
                                             {"when": {"path": "a", "like": "x"}, "value": "Y"}], "default": "Z"}
            ]}}
            """)
        #expect(found.contains { $0.hasPrefix("task.fields[2].rules[0].when.matches: invalid regular expression") })
        #expect(found.contains { $0.hasPrefix("task.fields[2].rules[1].when.like: unknown key \"like\"") })
    }

    @Test("with the connection's field list, unknown custom fields and type conflicts are reported")
    func customFieldsAgainstSource() {
        let table = """
            {"format": 1, "provider": "jira",
             "customFields": {"points": {"names": ["Story Points"], "type": "number"},
                              "team": {"ids": ["customfield_999"], "type": "select"}},
             "task": {"fields": [{"target": "external_id", "from": "id"}, {"target": "title", "from": "s"},
                                 {"target": "status", "default": "Not Started"},
                                 {"target": "story_points", "from": "fields.$points"},
                                 {"target": "custom.team", "from": "fields.$team", "transforms": ["option"]}]}}
            """
        let fields = [SourceField(id: "customfield_10028", name: "Story Points", isCustom: true, type: "string")]
        let found = problems(table, fields: fields)
        #expect(
            found.contains {
                $0.hasPrefix("customFields.points.type: type mismatch: Story Points (customfield_10028) is string")
            })
        #expect(found.contains { $0.hasPrefix("customFields.team: the source has no field with id customfield_999") })
        #expect(problems(table).isEmpty)
    }
}
