import Testing

@testable import ImportCore

/// Lookup tables from source values to target values.
@Suite("Value maps")
struct ValueMapTests {
    let statuses = ValueMap(
        cases: [(["To Do", "Backlog"], "todo"), (["Done"], "done"), (["done"], "shadowed")], defaultValue: "other",
        whenMissing: "none")

    @Test("matching ignores case and surrounding spaces; several sources share a target; the first wins")
    func matching() {
        #expect(statuses.apply("  backlog ") == "todo")
        #expect(statuses.apply("TO DO") == "todo")
        #expect(statuses.apply("Done") == "done")
    }

    @Test("unmatched gives the default; missing or null gives whenMissing")
    func fallbacks() {
        #expect(statuses.apply("Review") == "other")
        #expect(statuses.apply(nil) == "none")
        #expect(statuses.apply(.null) == "none")
        #expect(statuses.apply(["a": 1]) == "other", "an object has no text to look up")
        let noMissing = ValueMap(cases: [], defaultValue: "d")
        #expect(noMissing.apply(nil) == "d")
    }

    @Test("passthrough keeps an unmatched value; without a default an unmatched value is null")
    func passthrough() {
        let passing = ValueMap(cases: [(["a"], "A")], defaultValue: nil, passthrough: true)
        #expect(passing.apply("b") == "b")
        let strict = ValueMap(cases: [(["a"], "A")], defaultValue: nil)
        #expect(strict.apply("b") == nil)
        #expect(!strict.isTotal && statuses.isTotal)
        #expect(!ValueMap(cases: [], defaultValue: .null).isTotal)
    }

    @Test("case-sensitive maps tell 'Done' from 'done'")
    func caseSensitive() {
        let exact = ValueMap(cases: [(["Done"], "D"), (["done"], "d")], defaultValue: nil, caseSensitive: true)
        #expect(exact.apply("Done") == "D" && exact.apply("done") == "d" && exact.apply("DONE") == nil)
    }

    @Test("lists map element by element; unmatched elements without a default are left out")
    func lists() {
        let labels = ValueMap(cases: [(["bug"], "defect"), (["ui"], "frontend")], defaultValue: nil)
        #expect(labels.apply(["Bug", "misc", "UI"]) == ["defect", "frontend"])
        #expect(statuses.apply(["done", "x"]) == ["done", "other"])
        #expect(ValueMap(cases: [(["İstanbul"], "city")], defaultValue: nil).apply("i̇stanbul") == "city")
    }
}
