import AsanaProvider
import ClickUpProvider
import Foundation
import ImportCore
import TestSupport
import Testing

/// What the stubs already do without a server: auth headers, requests, pagination parsing, errors.
@Suite("Asana and ClickUp stubs")
struct StubProviderTests {
    @Test("auth: Asana Bearer, ClickUp raw pk_ token")
    func auth() throws {
        let asana = AsanaAPI.verifyRequest(.personalAccessToken("1/1200:abcdef"))
        #expect(asana.url.absoluteString == "https://app.asana.com/api/1.0/users/me")
        #expect(asana.headers["Authorization"] == "Bearer 1/1200:abcdef")
        let clickup = ClickUpAPI.verifyRequest(.apiKey("pk_123_ABC"))
        #expect(clickup.url.absoluteString == "https://api.clickup.com/api/v2/user")
        #expect(clickup.headers["Authorization"] == "pk_123_ABC")
        #expect(throws: ProviderError.self) {
            _ = try ClickUpProvider().connect(
                try ConnectionSettings(baseURL: ClickUpProvider.baseURL, credentials: .apiKey("no-prefix")))
        }
    }

    @Test("pagination: Asana next_page.offset, ClickUp page numbers until last_page")
    func pagination() throws {
        let project = "1204380091287000"
        let asana = AsanaAPI.page(try Fixtures.json("asana/tasks-page-next_page.json"), container: project)
        #expect(asana.records.count == 1)
        #expect(asana.next.flatMap(StubCursor.decode)?.position.hasPrefix("gjJl2xAiOiJKV1Qi") == true)
        #expect(AsanaAPI.page(try Fixtures.json("asana/tasks-list-optfields.json"), container: project).next == nil)
        let request = AsanaAPI.request(
            for: RecordQuery(containers: [project], pageSize: 500), container: project, cursor: asana.next)
        #expect(request.url.query?.contains("limit=100") == true)
        #expect(request.url.query?.contains("offset=gjJl2x") == true)

        let third = StubCursor(container: "900", position: "3").encoded
        let last = ClickUpAPI.page(try Fixtures.json("clickup/provider-records.json"), container: "900", cursor: third)
        #expect(last.next == nil)
        let old = ClickUpAPI.page(
            try Fixtures.json("clickup/list-tasks-page-tap-clickup.json"), container: "900", cursor: nil)
        #expect(old.next == nil, "a short page without last_page is the last one")
        let full = ClickUpAPI.page(
            ["tasks": .array(Array(repeating: ["id": "x"], count: 100)), "last_page": false], container: "900",
            cursor: StubCursor(container: "900", position: "2").encoded)
        #expect(full.next.flatMap(StubCursor.decode)?.position == "3")
        #expect(
            ClickUpAPI.request(for: RecordQuery(containers: ["900"]), container: "900", cursor: full.next).url.query?
                .contains("page=3") == true)
    }

    @Test("their errors are read in their own shapes")
    func errors() throws {
        #expect(AsanaAPI.errorMessages(try Fixtures.json("asana/error-429-rate-limited.json")).count == 1)
        #expect(
            ClickUpAPI.errorMessages(["err": "Token invalid", "ECODE": "OAUTH_025"]) == ["Token invalid (OAUTH_025)"])
    }

    @Test("their mapping tables read their real payload shapes")
    func mappings() throws {
        let root = CLIProcess.repositoryRoot
        func table(_ id: String) throws -> MappingEvaluator {
            MappingEvaluator(
                table: try MappingParser.load(path: root.appendingPathComponent("Providers/\(id)/mapping.json").path))
        }
        let asana = try table("asana").canonical(
            AsanaAPI.parsePage(try Fixtures.json("asana/provider-records.json")).records[0], source: "asana")
        #expect(asana.status == "In Progress")
        #expect(asana.priority == "High")
        #expect(asana.description?.contains("- Outline") == true)
        #expect(asana.estimatedHours == 1.5)
        #expect(asana.checklist.map(\.done) == [true, false])
        #expect(asana.comments.map(\.body) == ["First draft is in the doc (https://docs.example.com/q3)."])
        #expect(asana.assignees.first?.email == "ada@example.com")
        let german = try table("asana").canonical(
            AsanaAPI.parsePage(try Fixtures.json("asana/task-get-detail.json")).records[0], source: "asana")
        #expect(german.priority == "Low")
        #expect(german.sourcePriority == "Niedrig")
        #expect(german.dueDate == "2022-07-27")

        let clickup = try table("clickup").canonical(
            ClickUpAPI.parsePage(try Fixtures.json("clickup/provider-records.json"), page: 0).records[0],
            source: "clickup")
        #expect(clickup.status == "In Progress")
        #expect(clickup.priority == "Medium")
        #expect(clickup.sourceStatus == "in progress")
        #expect(clickup.ref.url == "https://app.clickup.com/t/9hx")
        #expect(clickup.ref.updatedAt == "2019-09-06T14:34:10.202Z")
        #expect(clickup.dueDate == "2017-10-18T23:26:34.377Z")
        #expect(clickup.estimatedHours == 2.4)
        #expect(clickup.storyPoints == 3)
        #expect(clickup.assignees.first?.email == "user@company.com")
        #expect(clickup.comments.first?.body == "Task comment content")
        #expect(clickup.checklist.map(\.done) == [true, false])
        #expect(clickup.attachments.first?.filename == "error-logs.txt")
    }
}
