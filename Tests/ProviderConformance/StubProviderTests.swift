import ClickUpProvider
import Foundation
import ImportCore
import TestSupport
import Testing

/// What the ClickUp stub already does without a server: auth headers, requests, pagination parsing, errors.
@Suite("The ClickUp stub")
struct StubProviderTests {
    @Test("auth: ClickUp's raw pk_ token")
    func auth() throws {
        let clickup = ClickUpAPI.verifyRequest(.apiKey("pk_123_ABC"))
        #expect(clickup.url.absoluteString == "https://api.clickup.com/api/v2/user")
        #expect(clickup.headers["Authorization"] == "pk_123_ABC")
        #expect(throws: ProviderError.self) {
            _ = try ClickUpProvider().connect(
                try ConnectionSettings(baseURL: ClickUpProvider.baseURL, credentials: .apiKey("no-prefix")))
        }
    }

    @Test("pagination: ClickUp page numbers until last_page")
    func pagination() throws {
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

    @Test("its errors are read in their own shape")
    func errors() throws {
        #expect(
            ClickUpAPI.errorMessages(["err": "Token invalid", "ECODE": "OAUTH_025"]) == ["Token invalid (OAUTH_025)"])
    }

    @Test("its mapping table reads its real payload shapes")
    func mappings() throws {
        let root = CLIProcess.repositoryRoot
        func table(_ id: String) throws -> MappingEvaluator {
            MappingEvaluator(
                table: try MappingParser.load(path: root.appendingPathComponent("Providers/\(id)/mapping.json").path))
        }
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
