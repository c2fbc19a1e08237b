import Foundation
import ImportCore
import ImportTesting
import LinearProvider
import ProviderSandbox
import TestSupport
import Testing

/// The Linear connection against the Linear sandbox over loopback: auth as Linear does it, teams,
/// every issue and every child past the first nested page, keyset cursors, rate limits.
@Suite("Linear connection against the sandbox")
struct LinearConnectionTests {
    @Test("a personal API key verifies as the whole header; an OAuth token as Bearer; viewer and urlKey come back")
    func verify() async throws {
        let fixture = try LinearSandboxFixture(LinearSandboxConfig(issues: 10))
        let account = try await fixture.connection().verify()
        #expect(account.email == fixture.config.email)
        #expect(account.settings["urlKey"] == fixture.config.urlKey)
        #expect(account.settings["organizationId"]?.isEmpty == false)
        let oauth = try await fixture.connection(.personalAccessToken(fixture.config.oauthToken)).verify()
        #expect(oauth.id == account.id)
    }

    @Test("a key sent as Bearer gets Linear's own words verbatim and a hint; a wrong key says so")
    func wrongAuth() async throws {
        let fixture = try LinearSandboxFixture(LinearSandboxConfig(issues: 10))
        let asBearer = await captureError(ProviderError.self) {
            _ = try await fixture.connection(.personalAccessToken(fixture.config.apiKey)).verify()
        }
        #expect(
            asBearer?.sourceMessages == [
                "It looks like you're trying to use an API key as a Bearer token. Remove the Bearer prefix from the Authorization header."
            ])
        #expect(asBearer?.kind == .authentication)
        #expect(asBearer?.hint.contains("--key-stdin") == true)
        #expect(asBearer?.description.contains(fixture.config.apiKey) == false)
        let wrong = await captureError(ProviderError.self) {
            _ = try await fixture.connection(.apiKey("lin_api_wrongwrongwrongwrongwrongwrongwrong00")).verify()
        }
        #expect(wrong?.kind == .authentication)
        #expect(wrong?.sourceMessages.first?.hasPrefix("Authentication required, not authenticated") == true)
        let email = await captureError(ProviderError.self) {
            _ = try LinearProvider().connect(
                ConnectionSettings(baseURL: fixture.url, credentials: .emailToken(email: "a@b.c", token: "t")))
        }
        #expect(email?.kind == .configuration)
    }

    @Test("the recorded error bodies decode to Linear's messages")
    func recordedErrors() async throws {
        for (file, message) in [
            ("error-api-key-sent-as-bearer.json", "Remove the Bearer prefix from the Authorization header."),
            ("error-400-graphql-validation.json", "Cannot query field \"invalidQuery\" on type \"Query\"."),
        ] {
            let body = try Data(
                contentsOf: try #require(Bundle.module.url(forResource: "Fixtures/\(file)", withExtension: nil)))
            let server = try RecordingServer { _ in
                SandboxResponse(status: 400, headers: ["Content-Type": "application/json"], body: body)
            }
            let error = await captureError(ProviderError.self) {
                _ = try await LinearProvider().connect(
                    ConnectionSettings(
                        baseURL: server.url + "/graphql", credentials: .apiKey("lin_api_k"),
                        options: ConnectionOptions(maxAttempts: 1))
                ).verify()
            }
            #expect(error?.sourceMessages.first?.hasSuffix(message) == true, "\(file): \(String(describing: error))")
        }
    }

    @Test("teams: every page (more than Linear's 100 a page)")
    func teams() async throws {
        let keys = (0..<105).map { "T\($0)" }
        let fixture = try LinearSandboxFixture(LinearSandboxConfig(issues: 210, teamKeys: keys))
        let teams = try await fixture.connection().containers()
        #expect(teams.map(\.key).sorted() == keys.sorted())
        #expect(Set(teams.map(\.id)).count == 105)
    }

    @Test("every issue and every child: comments with replies, sub-issues and attachments past the first nested page")
    func everyChild() async throws {
        let fixture = try LinearSandboxFixture(LinearSandboxConfig(issues: 150))
        let connection = try fixture.connection()
        var records: [JSONValue] = []
        let query = RecordQuery(containers: fixture.sandbox.teamKeys, pageSize: 25)
        for try await page in connection.pages(query, from: nil) {
            records += try await connection.complete(page, for: query).records
        }
        let truth = fixture.sandbox.groundTruth
        #expect(records.count == truth.count)
        #expect(Set(records.compactMap { $0["id"]?.stringValue }) == Set(truth.keys))
        var longLists = 0
        for record in records {
            let id = try #require(record["id"]?.stringValue)
            let expected = try #require(truth[id])
            let comments = record["comments"]?["nodes"]?.arrayValue ?? []
            #expect(comments.count == expected.comments, "\(expected.identifier) comments")
            #expect(comments.filter { $0["parent"]?["id"]?.stringValue != nil }.count == expected.replies)
            #expect((record["attachments"]?["nodes"]?.arrayValue ?? []).count == expected.attachments)
            #expect((record["children"]?["nodes"]?.arrayValue ?? []).count == expected.subIssues)
            #expect(record["identifier"]?.stringValue == expected.identifier)
            if expected.comments > 20 || expected.attachments > 10 || expected.subIssues > 20 { longLists += 1 }
        }
        #expect(longLists > 0, "the world must have issues with more children than the first nested page")
    }

    @Test("a stored cursor resumes exactly, even after the world changed between the two pages")
    func resume() async throws {
        let fixture = try LinearSandboxFixture(LinearSandboxConfig(issues: 120))
        let query = RecordQuery(containers: ["DEMO", "OPS"], pageSize: 30, fields: ["updatedAt", "title"])
        #expect(await ConformanceKit.pagination(try fixture.connection(), query: query) == [])
        let connection = try fixture.connection()
        let first = try await connection.page(query, from: nil)
        let cursor = try #require(first.next)
        fixture.sandbox.updateIssues(5)
        fixture.sandbox.addIssues(3)
        let rest = try await allRecords(try fixture.connection(), query, from: cursor).records
        let ids = first.records.compactMap { $0["id"]?.stringValue } + rest.compactMap { $0["id"]?.stringValue }
        #expect(Set(ids) == fixture.sandbox.issueUUIDs, "nothing lost: changed and new issues are caught up")
    }

    @Test("rate limits: HTTP 400 (and 200) with RATELIMITED are waited out by Linear's headers; nothing is lost")
    func rateLimits() async throws {
        for as200 in [false, true] {
            let fixture = try LinearSandboxFixture(
                LinearSandboxConfig(issues: 60, requestsPerWindow: 1000, windowSeconds: 1, rateLimitedAs200: as200))
            let connection = try fixture.connection(maxAttempts: 8)
            _ = try await connection.verify()
            fixture.sandbox.rateLimitNext(3)
            let records = try await allRecords(connection, RecordQuery(containers: ["DEMO", "OPS"], pageSize: 10))
                .records
            #expect(Set(records.compactMap { $0["id"]?.stringValue }) == fixture.sandbox.issueUUIDs)
            let linear = try #require(connection as? LinearConnection)
            #expect(linear.rateLimitWaits == 3, "as200: \(as200)")
            #expect(connection.metrics.retries == 0, "waited by Linear's headers, not retried as a fault")
        }
        // The budget itself (2 requests a second) is waited out too, whatever the order of events.
        let budget = try LinearSandboxFixture(LinearSandboxConfig(issues: 40, requestsPerWindow: 2, windowSeconds: 1))
        let records = try await allRecords(
            try budget.connection(maxAttempts: 20), RecordQuery(containers: ["DEMO", "OPS"], pageSize: 10)
        ).records
        #expect(Set(records.compactMap { $0["id"]?.stringValue }) == budget.sandbox.issueUUIDs)
    }

    @Test("a rate limit that resets in an hour stops with Linear's words and when to come back")
    func rateLimitTooLong() async throws {
        let fixture = try LinearSandboxFixture(
            LinearSandboxConfig(issues: 40, requestsPerWindow: 1, windowSeconds: 3600))
        let connection = try fixture.connection()
        _ = try await connection.verify()
        let error = await captureError(ProviderError.self) {
            _ = try await allRecords(connection, RecordQuery(containers: ["DEMO"], pageSize: 10))
        }
        #expect(error?.kind == .rateLimited)
        #expect(error?.hint.contains("resets in") == true)
        #expect(error?.sourceMessages.isEmpty == false)
    }

    @Test("a child list that repeats its cursor stops with 'no progress' instead of looping or keeping a partial list")
    func childListWithoutProgress() async throws {
        let fixture = try LinearSandboxFixture(LinearSandboxConfig(issues: 150))
        fixture.sandbox.intercept { request, emulate in
            guard String(decoding: request.body, as: UTF8.self).contains("query Rest") else { return emulate() }
            return .json(
                200,
                #"{"data":{"issue":{"comments":{"nodes":[],"pageInfo":{"hasNextPage":true,"endCursor":"same"}},"children":{"nodes":[],"pageInfo":{"hasNextPage":true,"endCursor":"same"}},"attachments":{"nodes":[],"pageInfo":{"hasNextPage":true,"endCursor":"same"}},"labels":{"nodes":[],"pageInfo":{"hasNextPage":true,"endCursor":"same"}}}}}"#
            )
        }
        let connection = try fixture.connection()
        let error = await captureError(ProviderError.self) {
            let query = RecordQuery(containers: ["DEMO", "OPS"], pageSize: 50)
            for try await page in connection.pages(query, from: nil) {
                _ = try await connection.complete(page, for: query)
            }
        }
        #expect(error?.kind == .invalidResponse)
        #expect(error?.message.contains("no progress") == true, "\(String(describing: error))")
    }

    @Test("delete reconciliation lists every id, archived and trashed ones included")
    func recordIDs() async throws {
        let fixture = try LinearSandboxFixture(LinearSandboxConfig(issues: 90))
        fixture.sandbox.archiveIssues(3)
        fixture.sandbox.archiveIssues(2, trash: true)
        let ids = try await fixture.connection().recordIDs(in: ["DEMO", "OPS"])
        #expect(ids == fixture.sandbox.issueUUIDs)
    }

    @Test(
        "the site URL is the workspace's page on linear.app (its urlKey escaped), the sandbox's own address otherwise")
    func siteURL() throws {
        func site(_ endpoint: String, urlKey: String?) throws -> String {
            try LinearProvider().connect(
                ConnectionSettings(
                    baseURL: endpoint, credentials: .apiKey("lin_api_k"),
                    options: ConnectionOptions(extras: urlKey.map { ["urlKey": $0] } ?? [:]))
            ).siteURL
        }
        #expect(try site("https://api.linear.app/graphql", urlKey: "acme") == "https://linear.app/acme")
        #expect(try site("https://api.linear.app/graphql", urlKey: nil) == "https://linear.app")
        #expect(try site("https://api.linear.app/graphql", urlKey: "a/../b") == "https://linear.app/a%2F%2E%2E%2Fb")
        #expect(try site("http://127.0.0.1:9/graphql", urlKey: "acme") == "http://127.0.0.1:9")
    }

    @Test("a filter that is not an IssueFilter object is refused before any request")
    func filters() throws {
        #expect(throws: ProviderError.self) {
            try LinearProvider().validate(RecordQuery(containers: ["DEMO"], filter: "project = X"))
        }
        try LinearProvider().validate(RecordQuery(containers: ["DEMO"], filter: #"{"priority": {"lte": 2}}"#))
    }
}
