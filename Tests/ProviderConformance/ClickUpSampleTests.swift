import ClickUpProvider
import Foundation
import ImportCore
import TestSupport
import Testing

/// ClickUp's recorded answers and documentation examples (`../shared/ref/clickup/`, kept as they
/// are) decode and map: served from a loopback server, the connection reads them as it reads the
/// sandbox (a 429 with ClickUp's headers waited out, a threaded reply read apart), and the shipped
/// table maps what it read.
@Suite("ClickUp's recorded samples")
struct ClickUpSampleTests {
    static func table() throws -> MappingEvaluator {
        MappingEvaluator(
            table: try MappingParser.load(
                path: CLIProcess.repositoryRoot.appendingPathComponent("Providers/clickup/mapping.json").path))
    }

    @Test("a recorded task page, a 429, the task's detail, comments and a threaded reply come through and map")
    func throughTheConnection() async throws {
        let page = try Fixtures.json("clickup/list-tasks-page-tap-clickup.json")
        let task = try #require(page["tasks"]?[0])
        let comments = try Fixtures.json("clickup/task-comments-spec-example.json").jsonText
        let reply =
            #"{"comments": [{"id": "459", "comment": [{"text": "Seen it too"}], "comment_text": "Seen it too", "user": {"id": 183, "username": "John Doe", "email": "johndoe@gmail.com"}, "date": "1568036999000", "reply_count": "0"}]}"#
        let refusals = Locked(1)
        let server = try RecordingServer { request in
            if refusals.update({ left -> Bool in
                defer { left -= 1 }
                return left > 0
            }) {
                return .json(
                    429, #"{"err": "Rate limit reached", "ECODE": "APP_002"}"#,
                    headers: [
                        "X-RateLimit-Limit": "100", "X-RateLimit-Remaining": "0",
                        "X-RateLimit-Reset": String(Int(Date().timeIntervalSince1970)),
                    ])
            }
            switch request.path {
            case "/api/v2/list/126232272/task": return .json(200, page.jsonText)
            case "/api/v2/task/1d20c6c": return .json(200, task.jsonText)
            case "/api/v2/task/1d20c6c/comment": return .json(200, comments)
            case "/api/v2/comment/458/reply": return .json(200, reply)
            default: return .json(404, #"{"err": "Route not found", "ECODE": "APP_001"}"#)
            }
        }
        let connection = try ClickUpProvider().connect(
            ConnectionSettings(
                baseURL: server.url + "/api/v2", credentials: .apiKey("pk_30025034_RECORDED"),
                options: ConnectionOptions(maxAttempts: 3, backoffBase: 0.01, backoffCap: 0.02)))
        let query = RecordQuery(containers: ["126232272"])
        let listed = try await connection.page(query, from: nil)
        #expect(listed.records.count == 1)
        #expect(connection.metrics.retries == 1, "the 429 was waited out")
        let completed = try await connection.complete(listed, for: query)
        let record = try #require(completed.records.first)
        #expect(record["comments"]?.arrayValue?.compactMap { $0["id"]?.stringValue } == ["458", "459"])
        #expect(record["time_entries"]?.arrayValue?.isEmpty == true, "no time tracked: not asked for")
        let mapped = try Self.table().canonical(record, source: "clickup")
        #expect(mapped.ref.id == "1d20c6c")
        #expect(mapped.status == "Not Started")
        #expect(mapped.comments.map(\.body) == ["Task comment content", "Seen it too"])
        #expect(mapped.ref.url == "https://app.clickup.com/t/1d20c6c")
        #expect(server.authorizationHeaders.allSatisfy { $0 == "pk_30025034_RECORDED" }, "the token goes bare")
        let asked = try #require(server.requests.first { $0.path.hasSuffix("/task") })
        #expect(asked.query["order_by"] == "updated" && asked.query["reverse"] == "true")
        #expect(asked.query["subtasks"] == "true" && asked.query["include_closed"] == "true")
        #expect(!server.requests.contains { $0.path.hasSuffix("/time") })
    }

    @Test("the recorded user, Workspaces and error shapes decode; a bad token's words are kept with a hint")
    func shapes() async throws {
        let both = try Fixtures.json("clickup/user-and-workspaces-spec-example.json")
        let server = try RecordingServer { request in
            switch (request.path, request.header("authorization")) {
            case (_, "pk_1_bad"): return .json(401, #"{"err": "Token invalid", "ECODE": "OAUTH_025"}"#)
            case ("/api/v2/user", _): return .json(200, (both["GET /v2/user"] ?? .null).jsonText)
            case ("/api/v2/team", _): return .json(200, (both["GET /v2/team"] ?? .null).jsonText)
            default: return .json(404, #"{"err": "Route not found", "ECODE": "APP_001"}"#)
            }
        }
        func connect(_ token: String) throws -> any ProviderConnection {
            try ClickUpProvider().connect(
                ConnectionSettings(
                    baseURL: server.url + "/api/v2", credentials: .apiKey(token),
                    options: ConnectionOptions(maxAttempts: 1)))
        }
        let account = try await connect("pk_123_GOOD").verify()
        #expect(account.id == "123" && account.email == "user@company.com")
        #expect(account.timeZone == "America/Los_Angeles")
        #expect(account.settings["workspace"] == "My ClickUp Workspace")
        let refused = await captureError(ProviderError.self) { _ = try await connect("pk_1_bad").verify() }
        #expect(refused?.kind == .authentication)
        #expect(refused?.sourceMessages == ["Token invalid (OAUTH_025)"])
        #expect(refused?.hint.contains("API Token") == true)
        #expect(
            ClickUpAPI.parsePage(try Fixtures.json("clickup/list-tasks-page-tap-clickup.json"), page: 0).nextPage
                == nil,
            "a short page without last_page is the last")
    }

    @Test("the shipped table reads the documented task: status type, priority, due day, estimate, fields by name")
    func mapping() throws {
        var example = try Fixtures.json("clickup/get-task-spec-example.json")
        let clickup = try Self.table().canonical(example, source: "clickup")
        #expect(clickup.status == "In Progress")
        #expect(clickup.priority == "Medium")
        #expect(clickup.sourceStatus == "in progress")
        #expect(clickup.ref.url == "https://app.clickup.com/t/9hx")
        #expect(clickup.ref.updatedAt == "2019-09-06T14:34:10.202Z")
        #expect(clickup.dueDate == "2017-10-18")
        #expect(clickup.estimatedHours == 2.4)
        #expect(clickup.storyPoints == 3)
        #expect(clickup.assignees.first?.email == "user@company.com")
        #expect(clickup.attachments.first?.filename == "error-logs.txt")
        #expect(clickup.category == "General", "no Type field, not a milestone")
        // The documented drop_down selects its option by orderindex (2: "Release Notes Only").
        let renamed = example.jsonText.replacingOccurrences(
            of: "\"Marketing Requirements\"", with: "\"Type\"")
        example = try JSONParser.parse(Data(renamed.utf8))
        #expect(try Self.table().canonical(example, source: "clickup").sourceType == "Release Notes Only")
        let stub = try Self.table().canonical(
            ClickUpAPI.parsePage(try Fixtures.json("clickup/provider-records.json"), page: 0).records[0],
            source: "clickup")
        #expect(stub.comments.first?.body == "Task comment content")
        #expect(stub.checklist.map(\.done) == [true, false])
    }
}
