import Foundation
import ImportCore
import ProviderSandbox
import Testing

@testable import AsanaProvider

/// The Asana connection against the Asana sandbox: the token verified with Asana's own refusal
/// shown, and every project of every workspace listed, all pages.
@Suite("Asana connection: the token and the projects")
struct AsanaConnectionTests {
    static func connection(_ sandbox: AsanaSandbox, token: String? = nil) throws -> any ProviderConnection {
        try AsanaProvider().connect(
            ConnectionSettings(
                baseURL: sandbox.apiBase, credentials: .personalAccessToken(token ?? sandbox.config.token),
                options: ConnectionOptions(maxAttempts: 2, backoffBase: 0.01)))
    }

    @Test("the right token gives the person and the workspace; a wrong one Asana's words and what to do")
    func verify() async throws {
        let sandbox = try AsanaSandbox()
        defer { sandbox.stop() }
        let account = try await Self.connection(sandbox).verify()
        #expect(account.email == sandbox.config.email)
        #expect(account.settings["workspace"] == sandbox.config.workspaceName)
        let wrong = "2/1/1:not-the-sandbox-token"
        do {
            _ = try await Self.connection(sandbox, token: wrong).verify()
            Issue.record("a wrong token was accepted")
        } catch let error as ProviderError {
            #expect(error.kind == .authentication)
            #expect(error.sourceMessages == ["Not Authorized"])
            #expect(error.hint.contains("--pat-stdin"))
            #expect(!String(describing: error).contains(wrong))
        }
    }

    @Test("every project of the workspace, past the first page, each once, keyed by its gid")
    func containers() async throws {
        let sandbox = try AsanaSandbox(config: AsanaSandboxConfig(issues: 150, projects: 130))
        defer { sandbox.stop() }
        let projects = try await Self.connection(sandbox).containers()
        #expect(projects.count == 130)
        #expect(Set(projects.map(\.key)) == Set(sandbox.projectGIDs))
        #expect(projects.allSatisfy { $0.details["workspace"] == sandbox.config.workspaceName })
        #expect(sandbox.requestCounts["GET /workspaces/{gid}/projects"] == 2)
    }

    @Test("an unknown project is a 404 in Asana's words; an endless collection stops")
    func refusals() async throws {
        let sandbox = try AsanaSandbox()
        defer { sandbox.stop() }
        let connection = try #require(try Self.connection(sandbox) as? AsanaConnection)
        do {
            _ = try await connection.get("projects/999/tasks", query: [("limit", "10")], context: "reading tasks")
            Issue.record("an unknown project was answered")
        } catch let error as ProviderError {
            #expect(error.kind == .notFound)
            #expect(error.sourceMessages == ["project: Unknown object: 999"])
        }
        // A server that hands back the same offset again and again.
        sandbox.intercept { request, emulator in
            guard request.path.hasSuffix("/projects") else { return emulator() }
            return .json(200, #"{"data":[{"gid":"1","name":"again"}],"next_page":{"offset":"same"}}"#)
        }
        do {
            _ = try await connection.containers()
            Issue.record("an endless collection was read to its end")
        } catch let error as ProviderError {
            #expect(error.message.contains("no progress"))
        }
    }

    @Test("Asana's recorded 429 body decodes to its message")
    func recordedRateLimit() throws {
        let sample = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("ProviderConformance/Fixtures/asana/error-429-rate-limited.json")
        let body = try JSONParser.parse(Data(contentsOf: sample))
        #expect(
            AsanaErrors.messages(body) == [
                "You've made too many requests and hit a rate limit. Please retry after the given amount of time."
            ])
    }
}
