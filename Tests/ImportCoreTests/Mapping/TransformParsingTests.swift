import Testing

@testable import ImportCore

/// How a table's transform texts (`truncate(200)`, `{"truncate": 200}`) become transforms, and the
/// messages for the ones that do not.
@Suite("Transform parsing")
struct TransformParsingTests {
    @Test(
        "the text form, with and without arguments",
        arguments: [
            ("trim", "trim"), (" truncate(200) ", "truncate(200)"),
            ("multiply(hoursPerStoryPoint)", "multiply(hoursPerStoryPoint)"),
            ("divide(2.5)", "divide(2.5)"), ("join", "join(, )"), ("join( | )", "join( | )"), ("split", "split(,)"),
            ("limit(0)", "limit(0)"), ("template(#{value})", "template(#{value})"), ("adfToText", "adfToText"),
        ])
    func textForm(_ text: String, _ written: String) throws {
        let transform = try Transform.parse(text).get()
        #expect(transform.description == written)
    }

    @Test("the object form takes JSON arguments")
    func objectForm() throws {
        #expect(try Transform.parse(name: "truncate", argument: 80).get() == .truncate(.literal(80)))
        #expect(try Transform.parse(name: "multiply", argument: "rate").get() == .multiply(.parameter("rate")))
        #expect(try Transform.parse(name: "join", argument: " / ").get() == .join(" / "))
        #expect(try Transform.parse(name: "trim", argument: nil).get() == .trim)
    }

    @Test(
        "mistakes name the transform, the argument and what was expected",
        arguments: [
            ("trunc(5)", TransformParseError.unknown(name: "trunc", suggestion: "truncate")),
            ("zzzzzz", .unknown(name: "zzzzzz", suggestion: nil)),
            ("truncate", .missingArgument(name: "truncate")),
            ("template()", .missingArgument(name: "template")),
            ("trim(3)", .unexpectedArgument(name: "trim", argument: "3")),
            ("truncate(0)", .badArgument(name: "truncate", argument: "0", expected: "a whole number ≥ 1")),
            ("truncate(2.5)", .badArgument(name: "truncate", argument: "2.5", expected: "a whole number ≥ 1")),
            ("limit(-1)", .badArgument(name: "limit", argument: "-1", expected: "a whole number ≥ 0")),
            ("divide(0)", .badArgument(name: "divide", argument: "0", expected: "a number other than 0")),
            ("multiply(2x)", .badArgument(name: "multiply", argument: "2x", expected: "a number or a parameter name")),
        ])
    func mistakes(_ text: String, _ error: TransformParseError) {
        #expect(throws: error) { try Transform.parse(text).get() }
    }

    @Test("messages read as advice")
    func messages() {
        #expect(
            TransformParseError.unknown(name: "trunc", suggestion: "truncate").message
                == #"unknown transform "trunc"; did you mean "truncate"?"#)
        #expect(
            TransformParseError.missingArgument(name: "limit").message
                == #"transform "limit" needs an argument: limit(…)"#)
    }

    @Test("every listed name parses in some form")
    func everyName() {
        for name in Transform.names {
            let argument: JSONValue? =
                Transform.argumentRequired[name] == true ? (name == "template" ? "{value}" : 2) : nil
            #expect((try? Transform.parse(name: name, argument: argument).get())?.name == name, "\(name)")
        }
    }
}
