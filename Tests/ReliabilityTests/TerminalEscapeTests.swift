import Foundation
import ImportCore
import ProviderSandbox
import TestSupport
import Testing

@Suite("Hostile source: terminal escapes in what it sends")
struct TerminalEscapeTests {
    /// A window title, a screen clear, a bell, a C1 control sequence introducer, and a bidi override.
    static let hostile = "\u{1B}]0;pwned\u{07}\u{1B}[2J\u{9B}31m\u{202E}evil"

    static func controlBytes(_ text: String) -> [String] {
        text.unicodeScalars.filter { TerminalTextProbe.isControl($0) }.map { String(format: "U+%04X", $0.value) }
    }

    @Test("names, keys and messages from the source reach the terminal without control characters")
    func escapesStripped() async throws {
        let harness = try await ImportHarness(JiraSandboxConfig(issues: 10))
        let hostile = Self.hostile
        let ids = harness.sandbox.issueIDs
        harness.sandbox.replaceIssueJSON(
            id: ids[0], with: Array(#"{"id":"\#(ids[0])","key":"KEY\u001b[2J-1","fields":{"summary":["x"]}}"#.utf8))
        harness.sandbox.intercept { request, emulator in
            if request.path.hasSuffix("/myself") {
                var answer = emulator()
                if let body = try? JSONParser.parse(answer.body), case .object(var me) = body {
                    me["displayName"] = .string("Mallory \(hostile)")
                    answer.body = JSONWriter().data(.object(me))
                }
                return answer
            }
            if request.path.hasSuffix("/project/search") {
                return .json(
                    200,
                    JSONValue.object([
                        "isLast": true,
                        "values": [["id": "1", "key": "DEMO", "name": .string("Demo \(hostile)")]],
                    ]).jsonText)
            }
            return emulator()
        }
        var outputs: [String] = []
        let connect = try await CLIProcess.run(
            [
                "connect", "jira", "--name", "hostile", "--url", harness.fixture.url, "--email",
                harness.fixture.config.email, "--token-stdin", "--db", harness.databasePath, "--owner",
                harness.owner.email,
            ], environment: harness.environment, stdin: harness.fixture.config.apiToken)
        #expect(connect.status == 0, "\(connect.stderr)")
        #expect(connect.stdout.contains("Mallory"))
        outputs.append(connect.stdout + connect.stderr)
        for arguments in [
            ["containers", "hostile"], ["containers", "hostile", "--json"], ["run", try harness.configFile()],
        ] {
            let result = try await CLIProcess.run(
                arguments + ["--db", harness.databasePath, "--owner", harness.owner.email],
                environment: harness.environment)
            outputs.append(result.stdout + result.stderr)
        }
        #expect(outputs[1].contains("Demo"))
        #expect(outputs[3].contains("KEY[2J-1"), "the failing record is named, without its escape")
        // An error message from the source, echoed in an error body.
        harness.sandbox.intercept { request, emulator in
            request.path.hasSuffix("/search/jql")
                ? .json(400, JSONValue.object(["errorMessages": [.string("bad \(hostile)")]]).jsonText) : emulator()
        }
        let failed = try await CLIProcess.run(
            ["run", try harness.configFile(), "--db", harness.databasePath], environment: harness.environment)
        #expect(failed.status != 0 && failed.stderr.contains("bad"), "\(failed.stderr)")
        outputs.append(failed.stdout + failed.stderr)
        for (index, output) in outputs.enumerated() {
            #expect(Self.controlBytes(output).isEmpty, "output \(index) holds \(Self.controlBytes(output))")
        }
    }
}

/// The characters a terminal may obey: C0 but newline and tab, DEL, C1, bidi overrides.
enum TerminalTextProbe {
    static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x0A, 0x09: return false
        case 0x00...0x1F, 0x7F...0x9F, 0x202A...0x202E, 0x2066...0x2069: return true
        default: return false
        }
    }
}
