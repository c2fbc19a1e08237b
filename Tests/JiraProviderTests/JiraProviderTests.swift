import Foundation
import ImportCore
import ProviderSandbox
import Synchronization
import TestSupport
import Testing

@testable import JiraProvider

@Suite("The Jira provider against the sandbox")
struct JiraProviderTests {
    @Test("Cloud email + API token: detected as Cloud on the site route, account and time zone read")
    func cloudVerify() async throws {
        let fixture = try JiraSandboxFixture()
        let account = try await fixture.connection().verify()
        #expect(account.email == "demo@tributary.test")
        #expect(account.displayName == "Demo Importer")
        #expect(account.timeZone == "Australia/Sydney")
        #expect(account.settings["deployment"] == "cloud")
        #expect(account.settings["route"] == "site")
        #expect(account.settings["apiVersion"] == "3")
    }

    @Test("a scoped token refused by the site is routed through the gateway with the site's cloud id")
    func scopedToken() async throws {
        let fixture = try JiraSandboxFixture()
        let connection = try fixture.connection(
            .emailToken(email: fixture.config.email, token: fixture.config.scopedToken))
        let account = try await connection.verify()
        #expect(account.settings["route"] == "gateway")
        #expect(account.settings["cloudId"] == fixture.sandbox.cloudID)
        let projects = try await connection.containers()
        #expect(projects.map(\.key) == ["DEMO", "OPS"])
        #expect(fixture.sandbox.requestCounts["GET /_edge/tenant_info"] == 1)
    }

    @Test("a scoped token without read:me: Jira's message verbatim and the scope hint")
    func scopedWithoutReadMe() async throws {
        let fixture = try JiraSandboxFixture()
        let connection = try fixture.connection(
            .emailToken(email: fixture.config.email, token: fixture.config.scopedTokenWithoutReadMe))
        let error = try #require(await captureError(ProviderError.self) { _ = try await connection.verify() })
        #expect(error.kind == .authentication)
        #expect(error.sourceMessages == ["Unauthorized; scope does not match"])
        #expect(error.hint.contains("read:me"))
    }

    @Test("Data Center personal access token: Bearer, REST v2, wiki text")
    func dataCenter() async throws {
        let fixture = try JiraSandboxFixture(JiraSandboxConfig(issues: 30, deployment: .dataCenter))
        let connection = try fixture.connection()
        let account = try await connection.verify()
        #expect(account.settings["deployment"] == "data-center")
        #expect(account.settings["apiVersion"] == "2")
        let (records, _) = try await allRecords(
            connection,
            RecordQuery(
                containers: ["DEMO", "OPS"], pageSize: 7,
                fields: ["fields.summary", "fields.description", "fields.updated"]))
        #expect(records.count == 30)
        #expect(records.contains { $0["fields"]?["description"]?.stringValue != nil })
        #expect(fixture.sandbox.requestCounts["POST /rest/api/2/search"] ?? 0 >= 5)
    }

    @Test("wrong token: 401 with Jira's text verbatim, the hint, and no retry")
    func wrongToken() async throws {
        let fixture = try JiraSandboxFixture()
        let connection = try fixture.connection(.emailToken(email: fixture.config.email, token: "not-the-token-at-all"))
        let error = try #require(await captureError(ProviderError.self) { _ = try await connection.verify() })
        #expect(error.kind == .authentication)
        #expect(error.status == 401)
        #expect(error.sourceMessages == ["Client must be authenticated to access this resource."])
        #expect(error.hint.contains("expired"))
        // The site refused the token; the gateway was tried (scoped tokens) and refused it too; nothing was retried.
        #expect(fixture.sandbox.requestCounts["GET /rest/api/3/myself"] == 3)
        #expect(connection.metrics.retries == 0)
    }

    @Test("expired token: /myself refuses; data endpoints that answer anonymously are caught too")
    func expiredToken() async throws {
        let fixture = try JiraSandboxFixture()
        let credentials = Credentials.emailToken(email: fixture.config.email, token: fixture.config.expiredToken)
        let error = try #require(
            await captureError(ProviderError.self) { _ = try await fixture.connection(credentials).verify() })
        #expect(error.kind == .authentication)
        let stored = try fixture.connection(
            credentials, extras: ["deployment": "cloud", "apiVersion": "3", "route": "site"])
        let anonymous = try #require(await captureError(ProviderError.self) { _ = try await stored.containers() })
        #expect(anonymous.kind == .authentication)
        #expect(anonymous.hint.contains("expired"))
        #expect(anonymous.sourceMessages == ["X-Seraph-LoginReason: AUTHENTICATED_FAILED"])
    }

    @Test("Data Center with a wrong PAT: Jira's errorMessages verbatim")
    func dataCenterWrongToken() async throws {
        let fixture = try JiraSandboxFixture(JiraSandboxConfig(issues: 5, deployment: .dataCenter))
        let error = try #require(
            await captureError(ProviderError.self) {
                _ = try await fixture.connection(.personalAccessToken("nope-nope-nope")).verify()
            })
        #expect(
            error.sourceMessages == ["You are not authenticated. Authentication required to perform this operation."])
    }

    @Test("a wrong site path: 404 with the site URL hint")
    func wrongSite() async throws {
        let fixture = try JiraSandboxFixture()
        let connection = try JiraProvider().connect(
            ConnectionSettings(
                baseURL: fixture.url + "/wrong/place", credentials: fixture.validCredentials, options: fixture.options()
            ))
        let error = try #require(await captureError(ProviderError.self) { _ = try await connection.verify() })
        #expect(error.kind == .notFound)
        #expect(error.sourceMessages == ["Oops, you've found a dead link. - JIRA"])
        #expect(error.hint.contains("site URL"))
    }

    @Test("a project without Browse Projects: 403 with Jira's message and the permission hint")
    func forbidden() async throws {
        let fixture = try JiraSandboxFixture(JiraSandboxConfig(issues: 20, forbiddenProjects: ["OPS"]))
        let connection = try fixture.connection()
        #expect(try await connection.containers().map(\.key) == ["DEMO"])
        let search = try #require(
            await captureError(ProviderError.self) {
                _ = try await connection.page(RecordQuery(containers: ["OPS"]), from: nil)
            })
        #expect(search.sourceMessages == ["The value 'OPS' does not exist for the field 'project'."])
        #expect(search.hint.contains("containers"))
        let issue = try #require(
            await captureError(ProviderError.self) {
                _ = try await (connection as! JiraConnection).issue("OPS-1")
            })
        #expect(issue.kind == .permission)
        #expect(issue.sourceMessages == ["You do not have the permission to see the specified issue."])
        #expect(issue.hint.contains("Browse Projects"))
    }

    @Test("projects are read across pages")
    func projectPagination() async throws {
        let fixture = try JiraSandboxFixture(JiraSandboxConfig(issues: 120, projects: 60))
        let projects = try await fixture.connection().containers()
        #expect(projects.count == 60)
        #expect(Set(projects.map(\.key)).count == 60)
        #expect(fixture.sandbox.requestCounts["GET /rest/api/3/project/search"] == 2)
    }

    @Test("search pages through nextPageToken, in (updated, id) order, with no gaps or repeats")
    func searchPagination() async throws {
        let fixture = try JiraSandboxFixture(JiraSandboxConfig(issues: 250))
        // The search chain itself: bulk fetching (which a run this large would choose) is off.
        let connection = try fixture.connection(extras: ["bulkFetch": "off"])
        let query = RecordQuery(
            containers: ["DEMO", "OPS"], pageSize: 20, fields: ["fields.summary", "fields.updated"])
        let (records, pages) = try await allRecords(connection, query)
        #expect(records.count == 250)
        #expect(pages == 13)
        let ids = records.compactMap { $0["id"]?.stringValue }
        #expect(Set(ids) == Set(fixture.sandbox.issueIDs.map(String.init)))
        let keys = records.map {
            (
                Timestamp.parse($0["fields"]!["updated"]!.stringValue!)!.millisecondsSince1970,
                Int($0["id"]!.stringValue!)!
            )
        }
        #expect(zip(keys, keys.dropFirst()).allSatisfy { $0 < $1 })
        #expect(fixture.sandbox.requestCounts["POST /rest/api/3/search/jql"] == 13)
        // Only the fields asked for (and the keyset's) come back.
        #expect(Set(records[0]["fields"]!.objectValue!.keys) == ["summary", "updated"])
    }

    @Test("a cursor resumes right after its page, even with an expired token; caps stop early")
    func resume() async throws {
        let fixture = try JiraSandboxFixture(JiraSandboxConfig(issues: 90))
        let connection = try fixture.connection()
        let query = RecordQuery(containers: ["DEMO", "OPS"], pageSize: 25, fields: ["fields.updated"])
        // The cursor a page is stored with is the completed page's (a bulk run places it once the
        // issues are in).
        let first = try await connection.complete(try await connection.page(query, from: nil), for: query)
        let full = try await allRecords(connection, query).records.map { $0["id"]!.stringValue! }
        var cursor = try JiraCursor.decode(try #require(first.next))
        cursor.token = "expired-or-foreign-token"
        let rest = try await allRecords(connection, query, from: cursor.encoded).records.map { $0["id"]!.stringValue! }
        #expect(first.records.map { $0["id"]!.stringValue! } + rest == full)
        let capped = try await allRecords(
            connection,
            RecordQuery(
                containers: ["DEMO", "OPS"], order: .recentFirst, pageSize: 10, limit: 35, fields: ["fields.updated"]))
        #expect(capped.records.count == 35)
        let dates = capped.records.map { Timestamp.parse($0["fields"]!["updated"]!.stringValue!)! }
        #expect(zip(dates, dates.dropFirst()).allSatisfy { $0 >= $1 })
    }

    @Test("JQL filters reach the sandbox: assigned to me, closed excluded, since in the user's zone")
    func filters() async throws {
        let fixture = try JiraSandboxFixture(JiraSandboxConfig(issues: 200))
        let connection = try fixture.connection()
        let fields = ["fields.assignee", "fields.status", "fields.updated"]
        let mine = try await allRecords(
            connection, RecordQuery(containers: ["DEMO", "OPS"], assignedToMe: true, fields: fields)
        ).records
        #expect(!mine.isEmpty)
        #expect(mine.allSatisfy { $0["fields"]?["assignee"]?["emailAddress"]?.stringValue == "demo@tributary.test" })
        let open = try await allRecords(
            connection, RecordQuery(containers: ["DEMO", "OPS"], includeClosed: false, fields: fields)
        ).records
        #expect(open.allSatisfy { $0["fields"]?["status"]?["statusCategory"]?["key"]?.stringValue != "done" })
        let all = try await allRecords(connection, RecordQuery(containers: ["DEMO", "OPS"], fields: fields)).records
        let stamps = all.map { Timestamp.parse($0["fields"]!["updated"]!.stringValue!)! }.sorted()
        let middle = stamps[stamps.count / 2]
        let recent = try await allRecords(
            connection, RecordQuery(containers: ["DEMO", "OPS"], since: middle, fields: fields)
        ).records
        let expected = stamps.filter {
            $0.millisecondsSince1970 >= middle.millisecondsSince1970 - middle.millisecondsSince1970 % 60_000
        }
        #expect(recent.count == expected.count)
        let jql = try await allRecords(
            connection, RecordQuery(containers: ["DEMO"], filter: "labels = backend", fields: fields)
        ).records
        #expect(jql.count < all.count)
    }

    @Test("a bad JQL clause: Jira's error verbatim and the JQL hint; an unbalanced one is refused before asking")
    func badJQL() async throws {
        let fixture = try JiraSandboxFixture()
        let error = try #require(
            await captureError(ProviderError.self) {
                _ = try await fixture.connection().page(
                    RecordQuery(containers: ["DEMO"], filter: "sprint in openSprints() AND"), from: nil)
            })
        #expect(error.kind == .badRequest)
        #expect(error.sourceMessages.first?.hasPrefix("Error in the JQL Query:") == true)
        #expect(error.hint.contains("JQL"))
        fixture.sandbox.resetRequestCounts()
        let unbalanced = try #require(
            await captureError(ProviderError.self) {
                _ = try await fixture.connection().page(
                    RecordQuery(containers: ["DEMO"], filter: "sprint in openSprints("), from: nil)
            })
        #expect(unbalanced.kind == .configuration)
        #expect(unbalanced.message.contains("never closed"))
        #expect(fixture.sandbox.requestCounts["POST /rest/api/3/search/jql"] == nil)
    }

    @Test("comments beyond the embedded page are fetched, only for the issues that need it")
    func comments() async throws {
        let fixture = try JiraSandboxFixture(JiraSandboxConfig(issues: 60))
        let connection = try fixture.connection()
        let (records, _) = try await allRecords(
            connection,
            RecordQuery(
                containers: ["DEMO", "OPS"], pageSize: 50,
                fields: ["fields.comment", "fields.worklog", "fields.updated"]))
        let long = records.filter { ($0["fields"]?["comment"]?["total"]?.intValue ?? 0) > 20 }
        #expect(!long.isEmpty)
        for record in long {
            let comment = record["fields"]!["comment"]!
            #expect(comment["comments"]?.arrayValue?.count == comment["total"]?.intValue)
        }
        let fetched = fixture.sandbox.requestCounts["GET /rest/api/3/issue/{id}/comment"] ?? 0
        #expect(fetched == long.count)
        let longWorklogs = records.filter { ($0["fields"]?["worklog"]?["total"]?.intValue ?? 0) > 20 }
        for record in longWorklogs {
            #expect(
                record["fields"]!["worklog"]!["worklogs"]?.arrayValue?.count
                    == record["fields"]!["worklog"]!["total"]?.intValue)
        }
        #expect((fixture.sandbox.requestCounts["GET /rest/api/3/issue/{id}/worklog"] ?? 0) == longWorklogs.count)
    }

    @Test("custom fields resolve by display name: Cloud's Story point estimate, Data Center's Story Points")
    func customFields() async throws {
        for deployment in [JiraSandboxConfig.Deployment.cloud, .dataCenter] {
            let fixture = try JiraSandboxFixture(JiraSandboxConfig(issues: 5, deployment: deployment))
            let fields = try await fixture.connection().fieldCatalog()
            let spec = CustomFieldSpec(
                alias: "sp", ids: ["customfield_10016"], names: ["Story point estimate", "Story Points"], type: .number)
            let resolved = try #require(MappingValidator.resolve(spec, in: fields))
            #expect(resolved.id == (deployment == .cloud ? "customfield_10016" : "customfield_10106"))
            #expect(resolved.type == "number")
        }
    }

    @Test("record ids for reconciliation ignore filters and use large pages")
    func recordIDs() async throws {
        let fixture = try JiraSandboxFixture(JiraSandboxConfig(issues: 150))
        let ids = try await fixture.connection().recordIDs(in: ["DEMO", "OPS"])
        #expect(ids == Set(fixture.sandbox.issueIDs.map(String.init)))
        #expect(fixture.sandbox.requestCounts["POST /rest/api/3/search/jql"] == 1)
    }

    @Test("Data Center lists record ids in keyset windows of 1000, whole even when issues change meanwhile")
    func recordIDsDataCenter() async throws {
        let fixture = try JiraSandboxFixture(JiraSandboxConfig(issues: 2300, deployment: .dataCenter))
        let sandbox = fixture.sandbox
        let searches = Locked(0)
        // After the first page, 400 issues change: offsets would shift under the listing.
        sandbox.intercept { request, emulator in
            let answer = emulator()
            if request.path.hasSuffix("/api/2/search"),
                searches.update({ count in
                    count += 1
                    return count
                }) == 1
            {
                sandbox.updateIssues(400, leavesOnly: false)
            }
            return answer
        }
        let ids = try await fixture.connection().recordIDs(in: ["DEMO", "OPS"])
        #expect(ids == Set(sandbox.issueIDs.map(String.init)))
        #expect(searches.value >= 3)
    }

    @Test("a site off Atlassian's domains: a refused token is never tried at Atlassian's gateway")
    func noGatewayOffAtlassian() async throws {
        let fixture = try JiraSandboxFixture(JiraSandboxConfig(issues: 1))
        let lines = Locked<[String]>([])
        let options = ConnectionOptions(requestTimeout: 10, maxAttempts: 6, backoffBase: 0.01, backoffCap: 0.05)
        let settings = try ConnectionSettings(
            baseURL: fixture.url, credentials: .emailToken(email: fixture.config.email, token: "not-the-token"),
            options: options, requestLog: { line in lines.update { $0.append(line) } })
        await #expect(throws: ProviderError.self) { _ = try await JiraProvider().connect(settings).verify() }
        #expect(!lines.value.isEmpty)
        #expect(lines.value.allSatisfy { !$0.contains("atlassian.com") }, "\(lines.value)")
        #expect(JiraConnection.defaultGateway(for: URL(string: "https://acme.atlassian.net")!) != nil)
        #expect(JiraConnection.defaultGateway(for: URL(string: "http://127.0.0.1:8080")!) == nil)
        #expect(JiraConnection.defaultGateway(for: URL(string: "https://jira.acme.com")!) == nil)
    }

    @Test("reference data: statuses, categories, priorities, types, resolutions, users…")
    func referenceData() async throws {
        let fixture = try JiraSandboxFixture(JiraSandboxConfig(issues: 5))
        let records = try await fixture.connection().referenceData()
        let kinds = Set(records.map(\.kind))
        #expect(
            kinds == [
                "statuses", "status_categories", "issue_types", "priorities", "resolutions", "project_categories",
                "project_types", "users",
            ])
        #expect(records.contains { $0.kind == "users" && $0.name == "Private Person" })
    }
}
