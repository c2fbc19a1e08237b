import Foundation
import ImportCore
import JiraProvider
import ProviderSandbox
import TestSupport
import Testing
import WorkspaceStore

@Suite("Bad input: hostile records, configs, tables, URLs and credentials")
struct BadInputTests {
    /// Hostile issue bodies, each served in place of one real issue.
    static func hostile(_ id: Int) -> [(String, [UInt8])] {
        let tenMegabytes = String(repeating: "x", count: 10 * 1024 * 1024)
        var deepADF = #"{"type":"text","text":"deep"}"#
        for _ in 0..<200 { deepADF = #"{"type":"blockquote","content":[\#(deepADF)]}"# }
        var invalidUTF8 = Array(#"{"id":"\#(id)","key":"BAD-UTF8","fields":{"summary":"broken "#.utf8)
        invalidUTF8 += [0xC3, 0x28, 0xFF, 0xFE]
        invalidUTF8 += Array(
            #"","updated":"2031-01-01T00:00:00.000+0000","status":{"name":"To Do","statusCategory":{"key":"new"}}}}"#
                .utf8)
        return [
            (
                "wrong types",
                Array(
                    #"{"id":"\#(id)","key":"BAD-TYPES","fields":{"summary":["not","text"],"updated":12,"status":"Done","priority":7,"labels":"x"}}"#
                        .utf8)
            ),
            ("missing fields", Array(#"{"id":"\#(id)","key":"BAD-MISSING"}"#.utf8)),
            ("fields null", Array(#"{"id":"\#(id)","key":"BAD-NULL","fields":null}"#.utf8)),
            (
                "nulls for objects",
                Array(
                    #"{"id":"\#(id)","key":"BAD-NULLS","fields":{"summary":"ok","status":null,"priority":null,"assignee":null,"comment":null,"worklog":{"worklogs":null},"subtasks":null,"parent":null,"updated":"2031-01-01T00:00:00.000+0000"}}"#
                        .utf8)
            ),
            (
                "10 MB summary",
                Array(
                    #"{"id":"\#(id)","key":"BAD-HUGE","fields":{"summary":"\#(tenMegabytes)","updated":"2031-01-01T00:00:00.000+0000"}}"#
                        .utf8)
            ),
            (
                "deeply nested ADF",
                Array(
                    #"{"id":"\#(id)","key":"BAD-DEEP","fields":{"summary":"deep","description":{"type":"doc","content":[\#(deepADF)]},"updated":"2031-01-01T00:00:00.000+0000"}}"#
                        .utf8)
            ),
            ("invalid UTF-8", invalidUTF8),
            ("not an object", Array("[1,2,3]".utf8)),
            (
                "bad timestamp",
                Array(#"{"id":"\#(id)","key":"BAD-TIME","fields":{"summary":"x","updated":"yesterday"}}"#.utf8)
            ),
        ]
    }

    @Test("each hostile record is a per-record failure or a safe value; the job is partial, never a crash")
    func hostileRecords() async throws {
        let harness = try await ImportHarness(JiraSandboxConfig(issues: 40))
        let ids = harness.sandbox.issueIDs
        let cases = Self.hostile(0)
        for (offset, (_, _)) in cases.enumerated() {
            let id = ids[offset]
            harness.sandbox.replaceIssueJSON(id: id, with: Self.hostile(id)[offset].1)
        }
        let report = try await harness.run(try harness.configFile())
        #expect(report.status == .partial)
        #expect(report.counts.processed == 40)
        let failed = Set(report.failures.compactMap(\.recordKey))
        for key in ["BAD-TYPES", "BAD-MISSING", "BAD-NULL", "BAD-DEEP", "BAD-TIME"] {
            #expect(failed.contains(key), "\(key) should fail")
        }
        #expect(report.failures.contains { $0.reason.contains("ADF nested deeper than 100 levels") })
        // Safe values: the 10 MB title is cut, invalid UTF-8 replaced, nulls defaulted.
        #expect(
            try harness.workspace.db.scalar("SELECT length(title) FROM tasks WHERE external_key = 'BAD-HUGE'").intValue
                == 200)
        #expect(
            try harness.workspace.db.scalar("SELECT title FROM tasks WHERE external_key = 'BAD-UTF8'").stringValue?
                .contains("\u{FFFD}") == true)
        #expect(
            try harness.workspace.db.scalar(
                "SELECT status || '/' || priority FROM tasks WHERE external_key = 'BAD-NULLS'"
            ).stringValue == "Not Started/Medium")
        #expect(try harness.count("tasks") == 40 - report.counts.failed)
        figure(
            "hostile records: \(cases.count) kinds in one import, \(report.counts.failed) recorded as failures, the rest stored safely, 0 crashes"
        )
    }

    @Test("a page nested beyond 512 levels is refused as unreadable, retried, and fails the job cleanly")
    func absurdNesting() async throws {
        let harness = try await ImportHarness(JiraSandboxConfig(issues: 10))
        let id = harness.sandbox.issueIDs[0]
        let deep = String(repeating: "[", count: 5000) + String(repeating: "]", count: 5000)
        harness.sandbox.replaceIssueJSON(
            id: id, with: Array(#"{"id":"\#(id)","key":"ABSURD","fields":{"summary":\#(deep)}}"#.utf8))
        let error = await captureError(ImportRunError.self) { _ = try await harness.run(try harness.configFile()) }
        #expect(error?.message.contains("nesting deeper than 512 levels") == true, "\(String(describing: error))")
        #expect(try harness.count("tasks") == 0)
    }

    @Test("fuzz: seeded random ADF and random issue JSON never crash the mapper")
    func fuzz() throws {
        let table = try MappingParser.load(
            path: CLIProcess.repositoryRoot.appendingPathComponent("Providers/jira/mapping.json").path)
        let evaluator = MappingEvaluator(table: table, overrides: ["baseUrl": "https://fuzz.atlassian.net"])
        var random = SeededRandom(seed: 4242)
        let nodeTypes = [
            "doc", "paragraph", "text", "heading", "bulletList", "orderedList", "listItem", "codeBlock", "blockquote",
            "rule",
            "hardBreak", "mention", "emoji", "inlineCard", "blockCard", "mediaSingle", "mediaGroup", "media", "table",
            "tableRow",
            "tableHeader", "tableCell", "panel", "expand", "nestedExpand", "taskList", "taskItem", "decisionList",
            "decisionItem", "date", "status", "placeholder", "extension", "zzz-unknown",
        ]
        func scalar() -> JSONValue {
            switch random.below(7) {
            case 0: return .null
            case 1: return .bool(random.chance(0.5))
            case 2: return .number(Double(random.below(100_000)) - 50_000)
            case 3:
                return .string(
                    String(repeating: random.pick(["a", "é", "😀", "\u{0}", "\\", "\""]), count: random.below(40)))
            case 4:
                return .string(
                    random.pick(["2024-01-15T10:20:30.123+0000", "2024-13-45", "", "1700000000000", "done", "new"]))
            case 5: return .array([])
            default: return .object([:])
            }
        }
        func adf(_ depth: Int) -> JSONValue {
            if depth > 6 || random.chance(0.2) { return scalar() }
            var node: [String: JSONValue] = ["type": .string(random.pick(nodeTypes))]
            if random.chance(0.7) { node["content"] = .array((0..<random.below(4)).map { _ in adf(depth + 1) }) }
            if random.chance(0.4) { node["text"] = scalar() }
            if random.chance(0.4) {
                node["attrs"] = [
                    "text": scalar(), "url": scalar(), "state": scalar(), "timestamp": scalar(), "level": scalar(),
                ]
            }
            if random.chance(0.2) { node["marks"] = [["type": "link", "attrs": ["href": scalar()]]] }
            return .object(node)
        }
        /// A plausible issue with a few fields broken at random: the mapper meets both valid and hostile input.
        func issue() -> JSONValue {
            var fields: [String: JSONValue] = [
                "summary": .string("Fuzz \(random.below(1000))"), "updated": "2024-01-15T10:20:30.123+0000",
                "status": ["name": "In Progress", "statusCategory": ["key": "indeterminate"]],
                "priority": ["name": "High"],
                "issuetype": ["name": "Bug"], "labels": ["a"], "description": adf(0),
                "comment": ["comments": [["id": "1", "body": adf(1), "created": "2024-01-15T10:20:30.123+0000"]]],
                "worklog": ["worklogs": [["id": "2", "timeSpentSeconds": 60]]],
                "subtasks": [["id": "3", "fields": ["summary": "s"]]],
            ]
            let names =
                fields.keys.sorted() + ["assignee", "duedate", "parent", "customfield_10016", "attachment", "project"]
            for _ in 0..<random.below(4) {
                let name = random.pick(names)
                fields[name] =
                    random.chance(0.3)
                    ? adf(0)
                    : random.chance(0.5)
                        ? scalar()
                        : [
                            "name": scalar(), "key": scalar(), "statusCategory": ["key": scalar()],
                            "emailAddress": scalar(), "comments": .array([adf(1)]),
                            "worklogs": .array([["id": scalar(), "timeSpentSeconds": scalar()]]),
                        ]
            }
            return [
                "id": random.chance(0.95) ? .string(String(random.below(99_999))) : scalar(), "key": "FUZZ-1",
                "fields": .object(fields),
            ]
        }
        var mapped = 0
        var refused = 0
        let iterations = 3000
        for _ in 0..<iterations {
            _ = try? ADFText.plainText(adf(0))
            do {
                _ = try evaluator.canonical(issue(), source: "jira")
                mapped += 1
            } catch {
                refused += 1
            }
        }
        #expect(mapped + refused == iterations)
        #expect(mapped > 0 && refused > 0)
        figure(
            "fuzz: \(iterations) random ADF documents and \(iterations) random issues (seed 4242): \(mapped) mapped, \(refused) refused with an error, 0 crashes"
        )
    }

    @Test("bad configs, tables, URLs and credentials: clear errors and exit codes, nothing written")
    func badCommandLines() async throws {
        let fixture = try JiraSandboxFixture(JiraSandboxConfig(issues: 5))
        let folder = TemporaryDirectory("tributary-bad")
        let key = try EncryptionKey.generate().base64
        let environment = [
            "TRIBUTARY_ENCRYPTION_KEY": key, "TRIBUTARY_DB": folder.file("w.sqlite"),
            "TRIBUTARY_OWNER": "a@example.com",
        ]
        func connect(_ url: String, token: String? = nil) async throws -> CLIProcess.Result {
            try await CLIProcess.run(
                [
                    "connect", "jira", "--name", "n\(UUID().uuidString.prefix(4))", "--url", url, "--email",
                    fixture.config.email, "--token-stdin",
                ],
                environment: environment, stdin: token ?? fixture.config.apiToken, directory: folder.path)
        }
        var tried = 0
        for (url, message) in [
            ("http://jira.example.com", "HTTPS is required"), ("file:///etc/passwd", "unsupported URL scheme"),
            ("ftp://jira.example.com", "unsupported URL scheme"),
            ("https://user:pw@jira.example.com", "contains credentials"),
            ("https://", "has no host"),
        ] {
            let result = try await connect(url)
            tried += 1
            #expect(result.status == 2, "\(url): \(result.stderr)")
            #expect(result.stderr.contains(message), "\(url): \(result.stderr)")
        }
        for variant in [
            fixture.url + "/", fixture.url + "//", fixture.url + "/browse/DEMO-3", fixture.url + "/rest/api/3/myself",
            "  \(fixture.url)  ",
        ] {
            let result = try await connect(variant)
            tried += 1
            #expect(result.status == 0, "\(variant): \(result.stderr)")
            #expect(result.stdout.contains("at \(fixture.url) as"), "\(variant) was not normalised: \(result.stdout)")
        }
        let wrong = try await connect(fixture.url, token: "wrong-wrong-wrong")
        #expect(wrong.status == 3)
        let expired = try await connect(fixture.url, token: fixture.config.expiredToken)
        #expect(expired.status == 3)
        #expect(expired.stderr.contains("Client must be authenticated to access this resource."))
        #expect(expired.stderr.contains("expired"))
        tried += 2
        let workspace = try Workspace(path: folder.file("w.sqlite"))
        #expect(
            try workspace.db.scalar("SELECT COUNT(*) FROM connections").intValue == 5,
            "only the 5 good URL variants are stored")

        let badTable = folder.file("table.json")
        try #"{"format": 1, "provider": "jira", "task": {"fields": [{"target": "nope", "from": "x"}]}}"#.write(
            toFile: badTable, atomically: true, encoding: .utf8)
        let config: JSONValue = [
            "connection": "nope", "source": ["provider": "jira", "projects": ["DEMO"]],
            "destination": ["project": "P", "createProject": true],
            "mapping": ["table": .string(badTable)],
        ]
        let configPath = folder.file("c.json")
        try JSONWriter().data(config).write(to: URL(fileURLWithPath: configPath))
        _ = try workspace.connections.list(owner: try workspace.owner(email: "a@example.com"))
        let table = try await CLIProcess.run(["run", configPath], environment: environment, directory: folder.path)
        tried += 1
        #expect(table.status == 2, "\(table.stderr)")
        #expect(table.stderr.contains("task.fields[0].target: unknown target field \"nope\""))
        #expect(try workspace.db.scalar("SELECT COUNT(*) FROM import_jobs").intValue == 0)
        #expect(try workspace.db.scalar("SELECT COUNT(*) FROM tasks").intValue == 0)
        figure(
            "bad command lines: \(tried) URLs, credentials and configs tried; each refused with its exit code or normalised; nothing written by the refused ones"
        )
    }
}
