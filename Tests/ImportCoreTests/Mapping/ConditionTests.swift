import Foundation
import Testing

@testable import ImportCore

/// Conditions of conditional values and guards, evaluated on one record.
@Suite("Mapping conditions")
struct ConditionTests {
    static let record: JSONValue = [
        "fields": [
            "status": ["name": "In Review"], "labels": ["Blocked", "ui"], "summary": "Login fails on iOS",
            "components": [["name": "Billing"]], "empty": .null, "points": 3,
        ]
    ]

    func path(_ text: String) throws -> SourcePath { try SourcePath(parsing: text) }

    func holds(_ condition: Condition) -> Bool {
        condition.evaluate(EvaluationContext(root: Self.record, item: Self.record, params: [:], fieldIDs: [:]))
    }

    @Test("equals compares text ignoring case, with any element of a list, numbers as text")
    func equals() throws {
        #expect(holds(.equals(try path("fields.status.name"), ["in review", "done"])))
        #expect(!holds(.equals(try path("fields.status.name"), ["review"])))
        #expect(holds(.equals(try path("fields.labels"), ["UI"])))
        #expect(holds(.equals(try path("fields.points"), ["3"])))
        #expect(!holds(.equals(try path("fields.absent"), [""])), "nothing equals nothing")
    }

    @Test("matches is a case-insensitive regex search over the text or any element")
    func matches() throws {
        #expect(holds(.matches(try path("fields.status.name"), try CompiledPattern("^in (progress|review)$"))))
        #expect(holds(.matches(try path("fields.labels"), try CompiledPattern("block"))))
        #expect(!holds(.matches(try path("fields.summary"), try CompiledPattern("^ios"))))
    }

    @Test("contains: a list holds the text (or an element's name); a text contains it")
    func contains() throws {
        #expect(holds(.contains(try path("fields.labels"), "blocked")))
        #expect(!holds(.contains(try path("fields.labels"), "block")), "list elements match whole")
        #expect(holds(.contains(try path("fields.components"), "billing")))
        #expect(holds(.contains(try path("fields.summary"), "FAILS")))
    }

    @Test("exists tells a value from null or absence")
    func exists() throws {
        #expect(holds(.exists(try path("fields.summary"), true)))
        #expect(holds(.exists(try path("fields.empty"), false)))
        #expect(holds(.exists(try path("fields.absent"), false)))
    }

    @Test("all, any and not combine; an empty all holds and an empty any does not")
    func combinations() throws {
        let blocked = Condition.contains(try path("fields.labels"), "blocked")
        let done = Condition.equals(try path("fields.status.name"), ["done"])
        #expect(holds(.all([blocked, .not(done)])))
        #expect(!holds(.all([blocked, done])))
        #expect(holds(.any([done, blocked])))
        #expect(holds(.all([])) && !holds(.any([])))
        #expect(Condition.all([blocked, .not(done)]).paths.map(\.text) == ["fields.labels", "fields.status.name"])
    }
}
