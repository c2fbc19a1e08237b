import Testing
import TributaryCLI

/// The command-line parser: the forms common Unix tools accept, and advice for the ones they do not.
@Suite("Argument parser")
struct ArgumentParserTests {
    let options = [
        OptionSpec("db", value: "PATH", help: "Workspace."),
        OptionSpec("container", value: "KEY", repeatable: true, help: "Containers."),
        OptionSpec("quiet", short: "q", help: "Less output."),
        OptionSpec("help", short: "h", help: "Help."),
    ]

    func parse(_ arguments: [String]) throws(CLIError) -> ParsedArguments {
        try ArgumentParser.parse(arguments, options: options, command: "run")
    }

    /// The usage message a command line is refused with (exit 2), or `nil` when it parses.
    func refusal(_ arguments: [String]) -> String? {
        do {
            _ = try parse(arguments)
            return nil
        } catch {
            #expect(error.exitCode == .usage)
            return error.message
        }
    }

    @Test("--name value, --name=value, short flags, positionals in any order")
    func forms() throws {
        let parsed = try parse(["config.json", "--db", "a.sqlite", "-q", "--container=OPS", "extra"])
        #expect(parsed.positionals == ["config.json", "extra"])
        #expect(parsed.value("db") == "a.sqlite")
        #expect(parsed.values("container") == ["OPS"])
        #expect(parsed.flag("quiet") && !parsed.flag("help"))
        #expect(try parse(["--db="]).value("db") == "", "an explicit empty value is a value")
    }

    @Test("`--` ends options and `-` is a positional (stdin)")
    func endOfOptions() throws {
        let parsed = try parse(["-", "--", "--db", "-q"])
        #expect(parsed.positionals == ["-", "--db", "-q"])
        #expect(parsed.value("db") == nil && !parsed.flag("quiet"))
    }

    @Test("repeatable options accumulate; others given twice are refused")
    func repetition() throws {
        #expect(try parse(["--container", "A", "--container=B"]).values("container") == ["A", "B"])
        #expect(refusal(["--db", "a", "--db", "b"]) == "--db was given twice")
    }

    @Test("a value may look like an option: it is taken as the value")
    func dashedValues() throws {
        #expect(try parse(["--db", "--quiet"]).value("db") == "--quiet")
    }

    @Test("refusals say what is wrong and where to look")
    func refusals() {
        #expect(refusal(["--db"]) == "--db needs a value (PATH); see `tributary run --help`")
        #expect(refusal(["--quiet=yes"]) == "--quiet is a flag and takes no value (see `tributary run --help`)")
        #expect(
            refusal(["--dbb", "x"])
                == "unknown option --dbb for `tributary run`; did you mean --db? (see `tributary run --help`)")
        #expect(refusal(["-x"]) == "unknown option -x for `tributary run` (see `tributary run --help`)")
        #expect(refusal(["-qh"])?.hasPrefix("unknown option -qh") == true, "short flags are not bundled")
    }

    @Test("whole-number options refuse other text by name")
    func integers() throws {
        let parsed = try ArgumentParser.parse(
            ["--limit", "12", "--page", "x"],
            options: [OptionSpec("limit", value: "N", help: ""), OptionSpec("page", value: "N", help: "")],
            command: "jobs")
        #expect(try parsed.int("limit") == 12)
        #expect(try parsed.int("absent") == nil)
        #expect(throws: CLIError.self) { try parsed.int("page") }
    }
}
