import AsanaProvider
import ClickUpProvider
import Foundation
import ImportCore
import ImportTesting
import JiraProvider
import LinearProvider
import ProviderSandbox
import TestSupport
import Testing
import TributaryCLI

/// One provider as the conformance kit sees it: its sample payloads, and its sandbox when it has one.
struct ProviderCase: Sendable, CustomStringConvertible {
    let id: String
    /// Fixture files, the site they were recorded from (the `baseUrl` the engine would set), and how
    /// to take records out of each (with the provider's own page parser).
    let samples: [(file: String, site: String?, records: @Sendable (JSONValue) -> [JSONValue])]
    /// Starts the provider's sandbox, for providers that have one.
    let sandbox: (@Sendable () throws -> SandboxCase)?
    var description: String { id }
}

/// A provider's sandbox as the kit drives it: connections with good or bad credentials, a query
/// that spans several pages, and the site the mapping's `baseUrl` takes.
struct SandboxCase {
    /// Keeps the sandbox running while the case is used.
    let keepAlive: AnyObject
    let site: String
    let connection: (Credentials?) throws -> any ProviderConnection
    let pagedQuery: RecordQuery
    let fullQuery: RecordQuery
    let badCredentials: Credentials
    let badSecret: String
    /// Where a record keeps its id (`gid` for Asana).
    var idPath = "id"
}

/// Keeps a ClickUp sandbox running while its case is used, and stops it after.
final class ClickUpSandboxCase {
    let sandbox: ClickUpSandbox
    init(_ sandbox: ClickUpSandbox) { self.sandbox = sandbox }
    deinit { sandbox.stop() }
}

/// Keeps an Asana sandbox running while its case is used, and stops it after.
final class AsanaSandboxCase {
    let sandbox: AsanaSandbox
    init(_ sandbox: AsanaSandbox) { self.sandbox = sandbox }
    deinit { sandbox.stop() }
}

enum Fixtures {
    static func json(_ name: String) throws -> JSONValue {
        try JSONParser.parse(
            try Data(contentsOf: Bundle.module.url(forResource: "Fixtures/\(name)", withExtension: nil)!))
    }
}

let providerCases: [ProviderCase] = [
    ProviderCase(
        id: "jira",
        samples: [
            (
                "jira/cloud-v3-search-page-airbyte-issues.json", "https://airbyteio.atlassian.net",
                { $0["issues"]?.arrayValue ?? [] }
            ),
            (
                "jira/server-v2-search-page-jira-ruby.json", "http://localhost:2990/jira",
                { $0["issues"]?.arrayValue ?? [] }
            ),
        ],
        sandbox: {
            let fixture = try JiraSandboxFixture(JiraSandboxConfig(issues: 95))
            let bad = "definitely-not-the-token"
            return SandboxCase(
                keepAlive: fixture, site: fixture.url, connection: { try fixture.connection($0) },
                pagedQuery: RecordQuery(
                    containers: ["DEMO", "OPS"], pageSize: 20, fields: ["fields.updated", "fields.summary"]),
                fullQuery: RecordQuery(containers: ["DEMO", "OPS"]),
                badCredentials: .emailToken(email: fixture.config.email, token: bad), badSecret: bad)
        }),
    ProviderCase(
        id: "asana",
        samples: [
            ("asana/provider-records.json", nil, { AsanaAPI.parsePage($0).records }),
            ("asana/task-get-detail.json", nil, { AsanaAPI.parsePage($0).records }),
            ("asana/tasks-list-optfields.json", nil, { AsanaAPI.parsePage($0).records }),
        ],
        sandbox: {
            let harness = AsanaSandboxCase(try AsanaSandbox(config: AsanaSandboxConfig(issues: 95)))
            let bad = "2/1/1:definitely-not-the-token"
            let projects = harness.sandbox.projectGIDs
            return SandboxCase(
                keepAlive: harness, site: harness.sandbox.baseURL,
                connection: { credentials in
                    try AsanaProvider().connect(
                        ConnectionSettings(
                            baseURL: harness.sandbox.apiBase,
                            credentials: credentials ?? .personalAccessToken(harness.sandbox.config.token),
                            options: ConnectionOptions(maxAttempts: 3, backoffBase: 0.01, backoffCap: 0.05)))
                },
                pagedQuery: RecordQuery(containers: projects, pageSize: 20, fields: ["modified_at", "name"]),
                fullQuery: RecordQuery(containers: projects), badCredentials: .personalAccessToken(bad),
                badSecret: bad, idPath: "gid")
        }),
    ProviderCase(
        id: "linear",
        samples: [
            ("linear/graphql-issues-page.json", nil, { $0["data"]?["issues"]?["nodes"]?.arrayValue ?? [] }),
            (
                "linear/sdk-recorded-user-issues-projects.json", nil,
                { $0["getUser"]?["assignedIssues"]?["nodes"]?.arrayValue ?? [] }
            ),
        ],
        sandbox: {
            let fixture = try LinearSandboxFixture(LinearSandboxConfig(issues: 95))
            let bad = "lin_api_definitelyNotTheKey0123456789abcdefgh"
            return SandboxCase(
                keepAlive: fixture, site: fixture.sandbox.baseURL, connection: { try fixture.connection($0) },
                pagedQuery: RecordQuery(containers: ["DEMO", "OPS"], pageSize: 20, fields: ["updatedAt", "title"]),
                fullQuery: RecordQuery(containers: ["DEMO", "OPS"]), badCredentials: .apiKey(bad), badSecret: bad)
        }),
    ProviderCase(
        id: "clickup",
        samples: [
            ("clickup/provider-records.json", nil, { ClickUpAPI.parsePage($0, page: 0).records }),
            ("clickup/list-tasks-page-tap-clickup.json", nil, { ClickUpAPI.parsePage($0, page: 0).records }),
            ("clickup/get-task-spec-example.json", nil, { [$0] }),
        ],
        sandbox: {
            let harness = ClickUpSandboxCase(try ClickUpSandbox(config: ClickUpSandboxConfig(issues: 95)))
            let bad = "pk_81000000_definitelyNotTheToken"
            let lists = harness.sandbox.listIDs
            return SandboxCase(
                keepAlive: harness, site: harness.sandbox.baseURL,
                connection: { credentials in
                    try ClickUpProvider().connect(
                        ConnectionSettings(
                            baseURL: harness.sandbox.apiBase,
                            credentials: credentials ?? .apiKey(harness.sandbox.config.token),
                            options: ConnectionOptions(maxAttempts: 3, backoffBase: 0.01, backoffCap: 0.05)))
                },
                pagedQuery: RecordQuery(containers: lists, pageSize: 20, fields: ["date_updated", "name"]),
                fullQuery: RecordQuery(containers: lists), badCredentials: .apiKey(bad), badSecret: bad)
        }),
]

@Suite("Provider conformance: every registered provider")
struct ConformanceSuite {
    let registry = ProviderCatalog.registry()

    @Test("the kit covers every registered provider")
    func everyProviderHasACase() {
        #expect(registry.ids == providerCases.map(\.id))
    }

    @Test("identity and registration", arguments: providerCases)
    func identity(_ provider: ProviderCase) throws {
        let registered = try #require(registry.provider(provider.id))
        #expect(ConformanceKit.identity(registered, in: registry) == [])
    }

    @Test(
        "the table built into the binary is the shipped Providers/<id>/mapping.json (else run .ci/embed-tables)",
        arguments: providerCases)
    func builtInTable(_ provider: ProviderCase) throws {
        let registered = try #require(registry.provider(provider.id))
        let shipped = try String(
            contentsOf: CLIProcess.repositoryRoot.appendingPathComponent("Providers/\(provider.id)/mapping.json"),
            encoding: .utf8)
        let builtIn = try #require(registered.shippedMappingTable, "\(provider.id) has no built-in table")
        #expect(
            builtIn.trimmingCharacters(in: .newlines) == shipped.trimmingCharacters(in: .newlines),
            "Providers/\(provider.id)/mapping.json changed: run .ci/embed-tables")
        #expect(try MappingParser.parse(Data(builtIn.utf8), origin: "built-in").provider == provider.id)
    }

    @Test("the mapping table validates", arguments: providerCases)
    func mappingTable(_ provider: ProviderCase) {
        let (table, problems) = ConformanceKit.mappingTable(
            at: CLIProcess.repositoryRoot.appendingPathComponent("Providers/\(provider.id)/mapping.json").path,
            provider: provider.id)
        #expect(table != nil)
        #expect(problems == [])
    }

    @Test(
        "every sample payload maps to canonical records with complete provenance, stable ids and UTC times",
        arguments: providerCases)
    func samples(_ provider: ProviderCase) throws {
        let (table, _) = ConformanceKit.mappingTable(
            at: CLIProcess.repositoryRoot.appendingPathComponent("Providers/\(provider.id)/mapping.json").path,
            provider: provider.id)
        let mapping = try #require(table)
        for (file, site, extract) in provider.samples {
            let evaluator = MappingEvaluator(table: mapping, overrides: site.map { ["baseUrl": .string($0)] } ?? [:])
            let records = extract(try Fixtures.json(file))
            #expect(!records.isEmpty, "\(file) yields no records")
            #expect(ConformanceKit.samples(records, evaluator: evaluator, provider: provider.id) == [], "\(file)")
        }
    }

    @Test(
        "with a sandbox: pagination ends and resumes from a cursor; verify rejects bad credentials",
        arguments: providerCases)
    func sandbox(_ provider: ProviderCase) async throws {
        guard let start = provider.sandbox else {
            // Stubs: reading records fails with a typed not-implemented error, before any request
            // (the connection points at the real service: nothing may be sent there).
            let registered = try #require(registry.provider(provider.id))
            let connection = try registered.connect(
                ConnectionSettings(
                    baseURL: registered.descriptor.defaultBaseURL!,
                    credentials: Credentials(
                        kind: registered.descriptor.authKinds[0], secret: SecretString("pk_test_0123456789"))))
            let error = await captureError(ProviderError.self) {
                _ = try await connection.page(RecordQuery(containers: ["1"]), from: nil)
            }
            #expect(
                connection.metrics.requests == 0, "a stub sent a request to \(registered.descriptor.defaultBaseURL!)")
            #expect(error?.kind == .notImplemented)
            #expect(error?.message.contains(provider.id) == true)
            return
        }
        let sandbox = try start()
        #expect(
            await ConformanceKit.pagination(
                try sandbox.connection(nil), query: sandbox.pagedQuery, idPath: sandbox.idPath) == [])
        let sandboxRecords = try await allRecords(try sandbox.connection(nil), sandbox.fullQuery).records
        #expect(!sandboxRecords.isEmpty)
        let table = try MappingParser.load(
            path: CLIProcess.repositoryRoot.appendingPathComponent("Providers/\(provider.id)/mapping.json").path)
        #expect(
            ConformanceKit.samples(
                sandboxRecords,
                evaluator: MappingEvaluator(table: table, overrides: ["baseUrl": .string(sandbox.site)]),
                provider: provider.id) == [])
        #expect(
            await ConformanceKit.verifyRejects(
                try sandbox.connection(sandbox.badCredentials), secret: sandbox.badSecret)
                == [])
        withExtendedLifetime(sandbox.keepAlive) {}
    }
}
