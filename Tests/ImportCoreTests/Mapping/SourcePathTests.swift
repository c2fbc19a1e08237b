import Foundation
import Testing

@testable import ImportCore

/// Paths into raw records: what parses, where a mistake is, and what a path reads.
@Suite("Source paths")
struct SourcePathTests {
    static let record: JSONValue = [
        "key": "ABC-1",
        "fields": [
            "summary": "Title", "nothing": .null, "Story Points": 5, "customfield_10016": 8,
            "subtasks": [["fields": ["summary": "one"]], ["fields": [:]], ["fields": ["summary": "three"]]],
            "custom_fields": [
                ["name": "Priority", "value": "P1"], ["name": "priority", "value": "P2"], ["name": "Team"],
            ],
            "matrix": [[1, 2], [3]],
            "labels": [
                ["name": "Bug", "parent": ["name": "Type"]], ["name": "ui"],
                ["name": "backend", "parent": ["name": "Area"]],
            ],
        ],
    ]

    func read(_ text: String, item: JSONValue? = nil, fieldIDs: [String: String] = [:]) throws -> JSONValue? {
        try SourcePath(parsing: text).evaluate(item: item ?? Self.record, root: Self.record, fieldIDs: fieldIDs)
    }

    @Test("segments: keys, indexes, wildcards, quoted keys, filters, aliases and the root marker")
    func segments() throws {
        let path = try SourcePath(parsing: #"^fields["Story Points"].subtasks[*].list[2].custom[name = "A b"].$points"#)
        #expect(path.fromRoot)
        #expect(
            path.segments == [
                .key("fields"), .key("Story Points"), .key("subtasks"), .wildcard, .key("list"), .index(2),
                .key("custom"), .filter(key: "name", value: "A b", negated: false), .alias("points"),
            ])
        #expect(path.hasWildcard && path.aliases == ["points"])
        #expect(try SourcePath(parsing: "").segments.isEmpty)
        #expect(try SourcePath(parsing: "^.key").segments == [.key("key")])
    }

    @Test(
        "mistakes are reported with what is wrong and where",
        arguments: [
            ("fields..summary", "empty segment", 7),
            ("fields[0", "unclosed '['", 6),
            ("fields.", "the path ends with '.'", 7),
            ("fields.sum mary", "unexpected character ' ' in a key (quote it: [\"...\"])", 10),
            ("fields.$", "empty alias after '$'", 7),
            ("fields[-1]", "'[-1]' is not an index, [*], [key=value] or a quoted key", 6),
            ("fields[0]x", "expected '.' or '[' before 'x'", 9),
        ])
    func mistakes(_ text: String, _ message: String, _ offset: Int) {
        #expect(throws: SourcePath.SyntaxError(message: message, offset: offset)) { try SourcePath(parsing: text) }
    }

    @Test("missing keys and null give nothing; an index past the end too")
    func missing() throws {
        #expect(try read("fields.absent") == nil)
        #expect(try read("fields.nothing") == nil)
        #expect(try read("fields.subtasks[9]") == nil)
        #expect(try read("fields.summary.deeper") == nil)
        #expect(try read("fields.summary") == "Title")
    }

    @Test("a wildcard leaves out what is missing, and flattens a wildcard below it")
    func wildcards() throws {
        #expect(try read("fields.subtasks[*].fields.summary") == ["one", "three"])
        #expect(try read("fields.matrix[*][*]") == [1, 2, 3])
        #expect(try read("fields.summary[*]") == nil, "a wildcard on a non-array reads nothing")
    }

    @Test("a filter picks elements by a member, ignoring case, and yields a list")
    func filters() throws {
        #expect(try read("fields.custom_fields[name=priority].value") == ["P1", "P2"])
        #expect(try read("fields.custom_fields[name='Team'].value") == [])
    }

    @Test("a filter's key may be a dotted path, and `!=` keeps the elements that do not match")
    func dottedAndNegatedFilters() throws {
        #expect(
            try SourcePath(parsing: "labels[parent.name != Type]").segments.last
                == .filter(key: "parent.name", value: "Type", negated: true))
        #expect(try read("fields.labels[parent.name=type].name") == ["Bug"])
        #expect(
            try read("fields.labels[parent.name!=Type].name") == ["ui", "backend"],
            "an element without the member is kept by `!=`")
    }

    @Test("an alias reads the source's field id; unknown aliases read nothing")
    func aliases() throws {
        #expect(try read("fields.$points", fieldIDs: ["points": "customfield_10016"]) == 8)
        #expect(try read("fields.$points") == nil)
        #expect(try read(#"fields["Story Points"]"#) == 5)
    }

    @Test("inside a child, `^` reads the record the child belongs to")
    func root() throws {
        let child: JSONValue = ["key": "child"]
        #expect(try read("key", item: child) == "child")
        #expect(try read("^key", item: child) == "ABC-1")
        #expect(try read("", item: child) == child)
    }
}
