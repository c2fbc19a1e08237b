import AsanaProvider
import Foundation
import ImportCore
import ProviderSandbox
import TestSupport
import Testing

/// Asana's recorded answers (`../shared/ref/asana/`, kept as they are) decode and map: served from a
/// loopback server, the connection reads them as it reads the sandbox, and the shipped table maps
/// what it read.
@Suite("Asana's recorded samples")
struct AsanaSampleTests {
    static func table() throws -> MappingEvaluator {
        MappingEvaluator(
            table: try MappingParser.load(
                path: CLIProcess.repositoryRoot.appendingPathComponent("Providers/asana/mapping.json").path))
    }

    @Test("a recorded task list, its stories and a recorded 429 come through the connection and map")
    func throughTheConnection() async throws {
        let list = try Fixtures.json("asana/tasks-list-optfields.json").jsonText
        let stories = try Fixtures.json("asana/task-stories.json").jsonText
        let refusal = try Fixtures.json("asana/error-429-rate-limited.json").jsonText
        let refusals = Locked(1)
        let server = try RecordingServer { request in
            if refusals.update({ left -> Bool in
                defer { left -= 1 }
                return left > 0
            }) {
                return .json(429, refusal, headers: ["Retry-After": "0"])
            }
            switch request.path {
            case "/api/1.0/projects/1204380091287000/tasks": return .json(200, list)
            case "/api/1.0/tasks/129839839/stories": return .json(200, stories)
            case "/api/1.0/attachments": return .json(200, #"{"data": [], "next_page": null}"#)
            default: return .json(404, #"{"errors": [{"message": "Not Found"}]}"#)
            }
        }
        let connection = try AsanaProvider().connect(
            ConnectionSettings(
                baseURL: server.url + "/api/1.0", credentials: .personalAccessToken("1/1200:recorded"),
                options: ConnectionOptions(maxAttempts: 3, backoffBase: 0.01, backoffCap: 0.02)))
        let query = RecordQuery(containers: ["1204380091287000"], pageSize: 100)
        let listed = try await connection.page(query, from: nil)
        #expect(listed.records.count == 1)
        #expect(connection.metrics.retries == 1, "the recorded 429 was waited out")
        let page = try await connection.complete(listed, for: query)
        let record = try #require(page.records.first)
        #expect(record["stories"]?.arrayValue?.count == 2)
        let task = try Self.table().canonical(record, source: "asana")
        #expect(task.ref.id == "129839839")
        #expect(task.comments.count == 1, "the system story is left out, the comment kept")
        #expect(task.ref.updatedAt == "2023-01-25T21:24:06.996Z")
        #expect(server.authorizationHeaders.allSatisfy { $0 == "Bearer 1/1200:recorded" })
        let asked = try #require(server.requests.first { $0.path.hasSuffix("/tasks") })
        let fields = Set((asked.query["opt_fields"] ?? "").split(separator: ",").map(String.init))
        #expect(
            fields.isSuperset(of: ["modified_at", "num_subtasks", "custom_fields.name", "memberships.section.name"]))
        #expect(!fields.contains("download_url"))
    }

    @Test("the recorded error, offset and detail shapes decode")
    func shapes() throws {
        #expect(
            AsanaAPI.errorMessages(try Fixtures.json("asana/error-429-rate-limited.json")) == [
                "You've made too many requests and hit a rate limit. Please retry after the given amount of time."
            ])
        let paged = AsanaAPI.parsePage(try Fixtures.json("asana/tasks-page-next_page.json"))
        #expect(paged.records.count == 1)
        #expect(paged.nextOffset?.hasPrefix("gjJl2xAiOiJKV1Qi") == true)
        #expect(AsanaAPI.parsePage(try Fixtures.json("asana/tasks-list-optfields.json")).nextOffset == nil)
    }

    @Test("the shipped table reads the recorded task shapes: custom fields by name, sections, subtasks, stories")
    func mapping() throws {
        let asana = try Self.table().canonical(
            AsanaAPI.parsePage(try Fixtures.json("asana/provider-records.json")).records[0], source: "asana")
        #expect(asana.status == "In Progress")
        #expect(asana.priority == "High")
        #expect(asana.description?.contains("- Outline") == true)
        #expect(asana.estimatedHours == 1.5)
        #expect(asana.checklist.map(\.done) == [true, false])
        #expect(asana.comments.map(\.body) == ["First draft is in the doc (https://docs.example.com/q3)."])
        #expect(asana.assignees.first?.email == "ada@example.com")
        #expect(asana.attachments.allSatisfy { $0.contentURL?.contains("download") != true })
        let german = try Self.table().canonical(
            AsanaAPI.parsePage(try Fixtures.json("asana/task-get-detail.json")).records[0], source: "asana")
        #expect(german.priority == "Low")
        #expect(german.sourcePriority == "Niedrig")
        #expect(german.dueDate == "2022-07-27")
    }
}
