import Foundation
import Testing

@testable import ProviderSandbox

/// The sandbox's JQL parser and evaluator: the part of JQL it answers, and Jira's messages for the rest.
@Suite("Sandbox JQL")
struct JQLQueryTests {
    /// A parsed expression written back in a canonical, fully parenthesised form.
    static func written(_ expression: JQLQuery.Expression?) -> String {
        guard let expression else { return "∅" }
        switch expression {
        case .and(let left, let right): return "(\(written(left)) AND \(written(right)))"
        case .or(let left, let right): return "(\(written(left)) OR \(written(right)))"
        case .not(let inner): return "NOT \(written(inner))"
        case .clause(let field, let op, let values):
            let texts = values.map { value -> String in
                switch value {
                case .text(let text): return "'\(text)'"
                case .currentUser: return "currentUser()"
                case .empty: return "EMPTY"
                }
            }
            return "\(field) \(op) \(texts.count == 1 ? texts[0] : "(" + texts.joined(separator: ",") + ")")"
        }
    }

    static func parse(_ text: String) throws -> String { written(try JQLQuery(text).expression) }

    @Test("AND binds tighter than OR; NOT and parentheses nest")
    func precedence() throws {
        #expect(
            try Self.parse("project = A OR status = Done AND labels = x")
                == "(project = 'A' OR (status = 'Done' AND labels = 'x'))")
        #expect(
            try Self.parse("(project = A or project = B) and not status = Done")
                == "((project = 'A' OR project = 'B') AND NOT status = 'Done')")
    }

    @Test("operators: in / not in lists, is (not) EMPTY, currentUser(), quoted values with escapes")
    func operators() throws {
        #expect(
            try Self.parse(#"project in (A, "B C") AND assignee = currentUser()"#)
                == "(project in ('A','B C') AND assignee = currentUser())")
        let emptiness = try Self.parse("labels is not EMPTY and priority not in (Low)")
        #expect(emptiness == "(labels is not EMPTY AND priority not in 'Low')", "\(emptiness)")
        #expect(try Self.parse(#"summary ~ "say \"hi\"""#) == #"summary ~ 'say "hi"'"#)
        #expect(try Self.parse("updated >= '2024-01-02 10:00'") == "updated >= '2024-01-02 10:00'")
    }

    @Test("ORDER BY alone, with directions and several fields; an empty query matches everything")
    func ordering() throws {
        let query = try JQLQuery("ORDER BY updated ASC, id desc")
        #expect(query.expression == nil && !query.isBounded)
        #expect(query.order.map(\.field) == ["updated", "id"])
        #expect(query.order.map(\.ascending) == [true, false])
        #expect(try JQLQuery("").expression == nil)
        #expect(try JQLQuery("project = A order by created").order.map(\.ascending) == [true])
    }

    @Test(
        "what Jira refuses is refused with Jira's words",
        arguments: [
            ("colour = red", "Field 'colour' does not exist or you do not have permission to view it."),
            ("project = A AND", "Expecting a field name but reached the end of the query."),
            ("project = A status = B", "Expecting either 'OR' or 'AND' but got 'status'."),
            (#"summary ~ "open"#, #"The quoted string "open hasn't been completed."#),
            ("(project = A", "Expecting ')' but got 'end of query'."),
            ("project like A", "The operator 'like' is not supported by the 'project' field."),
            ("ORDER BY colour", "Not able to sort using field 'colour'."),
            ("assignee = currentUser", "Expecting '()' after currentUser."),
        ])
    func refusals(_ text: String, _ message: String) {
        #expect(throws: JQLQuery.ParseError(message: message)) { try JQLQuery(text) }
    }

    @Test("dates are read in the user's time zone; ids and keys compare as numbers")
    func evaluation() throws {
        var world = SandboxWorld(config: SandboxWorldTests.config(items: 20))
        let berlin = try #require(TimeZone(identifier: "Europe/Berlin"))
        func matching(_ text: String) throws -> [Int] {
            let evaluator = JQLEvaluator(
                query: try JQLQuery(text), zone: berlin, currentUser: 0, users: world.users, projects: world.projects,
                issuesByKey: WorldIndex(world).byKey)
            return try world.issues.values.filter { try evaluator.matches($0) }.map(\.id).sorted()
        }
        let first = try #require(world.issues[10_001])
        // 2024-01-01 01:00 in Berlin is midnight UTC: the first item was created a few minutes after.
        #expect(try matching("created >= '2024-01-01 01:00' AND id = 10001") == [10_001])
        #expect(try matching("created < '2024-01-01 01:00'").isEmpty)
        #expect(try matching("id <= 10003") == [10_001, 10_002, 10_003])
        #expect(try matching("key = \(first.key)") == [10_001])
        #expect(try matching("project = DEMO").allSatisfy { world.issues[$0]?.project == 0 })
        let moved = world.move(count: 1)
        let movedID = try #require(moved.first)
        let movedKey = try #require(world.issues[movedID]?.previousKeys.first)
        #expect(try matching("key = \(movedKey)") == moved, "an old key still finds a moved item")
    }

    @Test("the sandbox's Jira lists name the world's statuses, priorities and resolutions in its order")
    func vocabularyAligned() {
        #expect(JiraReferenceData.statuses.map(\.name) == WorldVocabulary.statuses.map(\.name))
        #expect(JiraReferenceData.statuses.map(\.categoryKey) == WorldVocabulary.statuses.map(\.category))
        #expect(JiraReferenceData.priorities.map(\.name) == WorldVocabulary.priorities)
        #expect(JiraReferenceData.resolutions.map(\.name) == WorldVocabulary.resolutions)
        #expect(WorldVocabulary.statusWeights.count == WorldVocabulary.statuses.count)
    }
}
