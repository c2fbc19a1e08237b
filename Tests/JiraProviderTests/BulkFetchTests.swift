import Foundation
import ImportCore
import JiraProvider
import ProviderSandbox
import Synchronization
import TestSupport
import Testing

/// Jira Cloud at scale: ids listed first, the issues fetched in bulk (`issue/bulkfetch`), with the
/// guarantees of the search chain: the same records, in the same order, resumable exactly.
@Suite("Jira bulk fetching")
struct BulkFetchTests {
    static let query = RecordQuery(
        containers: ["DEMO", "OPS"], pageSize: 20, fields: ["fields.summary", "fields.updated", "fields.comment"],
        children: [.comment])

    /// Holds the sandbox's count until a listing has arrived, or for 30 s without one (long, for a
    /// loaded machine: only a run that lists after counting waits that long); answers whether the
    /// count saw the listing. A count answered first would let the run cancel a listing not yet sent.
    static func countAfterListing(_ sandbox: JiraSandbox) -> Locked<Bool?> {
        let listed = Mutex(false)
        let countSawListing = Locked<Bool?>(nil)
        sandbox.intercept { request, emulator in
            if request.path.hasSuffix("/search/jql") {
                listed.withLock { $0 = true }
            } else if request.path.hasSuffix("/search/approximate-count") {
                let deadline = Date().addingTimeInterval(30)
                while !listed.withLock({ $0 }), Date() < deadline { Thread.sleep(forTimeInterval: 0.01) }
                countSawListing.update { $0 = listed.withLock { $0 } }
            }
            return emulator()
        }
        return countSawListing
    }

    @Test("a large run lists ids once and fetches the issues in bulk: the same records as the search chain")
    func sameRecords() async throws {
        let fixture = try JiraSandboxFixture(JiraSandboxConfig(issues: 250))
        let chain = try await allRecords(try fixture.connection(extras: ["bulkFetch": "off"]), Self.query)
        fixture.sandbox.resetRequestCounts()
        let bulk = try await allRecords(try fixture.connection(extras: ["bulkFetch": "on"]), Self.query)
        #expect(bulk.records.count == 250)
        #expect(bulk.records.map(\.jsonText) == chain.records.map(\.jsonText))
        let counts = fixture.sandbox.requestCounts
        #expect(counts["POST /rest/api/3/search/jql"] == 1)
        #expect(counts["POST /rest/api/3/issue/bulkfetch"] == 13)
    }

    @Test("Data Center: ids listed 1,000 a search, the issues fetched by a search for their ids, several at once")
    func dataCenterSameRecords() async throws {
        let fixture = try JiraSandboxFixture(JiraSandboxConfig(issues: 1250, deployment: .dataCenter))
        var query = Self.query
        query.fields.append("changelog.histories")
        let chain = try await allRecords(try fixture.connection(extras: ["bulkFetch": "off"]), query)
        let chainSearches = fixture.sandbox.requestCounts["POST /rest/api/2/search"] ?? 0
        fixture.sandbox.resetRequestCounts()
        // An id listing asks for `updated` only: no changelog, which the issues' own fetch brings.
        let listingExpands = Mutex(false)
        fixture.sandbox.intercept { request, emulator in
            if let body = try? JSONParser.parse(request.body), body["fields"] == ["updated"],
                body["expand"] != nil
            {
                listingExpands.withLock { $0 = true }
            }
            return emulator()
        }
        let bulk = try await allRecords(try fixture.connection(extras: ["bulkFetch": "on"]), query)
        #expect(!listingExpands.withLock { $0 }, "an id listing expanded the changelog")
        #expect(bulk.records.count == 1250)
        #expect(bulk.records.map(\.jsonText) == chain.records.map(\.jsonText))
        // 2 listings (1,000 and 250 ids) and 63 fetches of 20 ids, against the chain's 63 pages and
        // the pages it reads past the issues of a minute it had handed out.
        #expect(chainSearches >= 63)
        #expect(fixture.sandbox.requestCounts["POST /rest/api/2/search"] == 2 + 63)
    }

    @Test("a run of a page or less keeps the search: an incremental run's few requests")
    func smallRunsSearch() async throws {
        let fixture = try JiraSandboxFixture(JiraSandboxConfig(issues: 15))
        let connection = try fixture.connection(extras: ["bulkFetch": "on"])
        var incremental = Self.query
        incremental.updatedSince = Timestamp.parse("2000-01-01T00:00:00Z")
        let records = try await allRecords(connection, incremental).records
        #expect(records.count == 15)
        #expect(fixture.sandbox.requestCounts["POST /rest/api/3/issue/bulkfetch"] == nil)
        #expect(fixture.sandbox.requestCounts["POST /rest/api/3/search/jql"] == 1)
        #expect(fixture.sandbox.requestCounts["POST /rest/api/3/search/approximate-count"] == 1)

        // A full run lists ids while it counts, in case it is large: small, it costs that one listing
        // (held to arrive before the count answers, as it does unless the machine is loaded).
        fixture.sandbox.resetRequestCounts()
        _ = Self.countAfterListing(fixture.sandbox)
        #expect(try await allRecords(connection, Self.query).records.count == 15)
        #expect(fixture.sandbox.requestCounts["POST /rest/api/3/issue/bulkfetch"] == nil)
        #expect(fixture.sandbox.requestCounts["POST /rest/api/3/search/jql"] == 2)
    }

    @Test("a large full run lists ids while it counts: its first bulk fetch waits on one round trip, not two")
    func listingBesideCount() async throws {
        let fixture = try JiraSandboxFixture(JiraSandboxConfig(issues: 250))
        let countSawListing = Self.countAfterListing(fixture.sandbox)
        let first = try await fixture.connection(extras: ["bulkFetch": "on"]).page(Self.query, from: nil)
        #expect(first.records.count == 20)
        #expect(countSawListing.value == true, "the listing waited for the count")
        #expect(fixture.sandbox.requestCounts["POST /rest/api/3/search/jql"] == 1)
    }

    @Test("an issue edited between listing and fetching never moves the stored cursor past what was not written")
    func editDuringRun() async throws {
        let fixture = try JiraSandboxFixture(JiraSandboxConfig(issues: 120))
        let connection = try fixture.connection(extras: ["bulkFetch": "on"])
        let listed = try await connection.page(Self.query, from: nil)
        let ids = listed.records.compactMap { $0["id"]?.stringValue.flatMap { Int($0) } }
        #expect(ids.count == 20)
        // The last issue of the page changes after it was listed: it now sorts after everything else.
        fixture.sandbox.touchIssues([try #require(ids.last)])
        let first = try await connection.complete(listed, for: Self.query)
        let stored = try JiraCursor.decode(try #require(first.next))
        #expect(stored.position?.id == String(ids[ids.count - 2]))
        // A new process resumes from the stored cursor alone: nothing is missed, the edited issue
        // comes again (at its new place), nothing else twice.
        let rest = try await allRecords(
            try fixture.connection(extras: ["bulkFetch": "on"]), Self.query, from: first.next
        ).records
        let all = first.records.compactMap { $0["id"]?.stringValue } + rest.compactMap { $0["id"]?.stringValue }
        #expect(Set(all) == Set(fixture.sandbox.issueIDs.map(String.init)))
        #expect(all.count == 121)
    }

    @Test(
        "issues deleted between listing and fetching are left out; the rest of the page comes",
        arguments: [JiraSandboxConfig.Deployment.cloud, .dataCenter])
    func deletedMeanwhile(deployment: JiraSandboxConfig.Deployment) async throws {
        let fixture = try JiraSandboxFixture(JiraSandboxConfig(issues: 60, deployment: deployment))
        let connection = try fixture.connection(extras: ["bulkFetch": "on"])
        let listed = try await connection.page(Self.query, from: nil)
        let deleted = fixture.sandbox.deleteIssues(3)
        let page = try await connection.complete(listed, for: Self.query)
        let listedIDs = listed.records.compactMap { $0["id"]?.stringValue }
        let expected = listedIDs.filter { id in !deleted.contains { String($0) == id } }
        #expect(listedIDs.count == 20 && expected.count < 20, "no listed issue was deleted: the test shows nothing")
        #expect(page.records.compactMap { $0["id"]?.stringValue } == expected)
        if deployment == .dataCenter {
            // Jira refuses a search naming a deleted issue: the ids were halved down to the missing ones.
            let issueReads = fixture.sandbox.requestCounts.filter {
                $0.key.hasPrefix("GET /rest/api/2/issue/") && !$0.key.contains("{id}")
            }
            #expect(issueReads.count == 20 - expected.count, "each missing issue confirmed once: \(issueReads)")
        }
    }

    @Test("the sandbox's bulkfetch: ascending ids, unknown ones left out, 100 (1,000 lean) a call, 400 beyond")
    func sandboxEndpoint() async throws {
        let fixture = try JiraSandboxFixture(JiraSandboxConfig(issues: 1200))
        let client = HTTPClient(credentials: fixture.validCredentials, options: fixture.options())
        func fetch(_ ids: [String], fields: [String], expand: [String] = []) async throws -> (Int, JSONValue) {
            try await Self.post(
                [
                    "issueIdsOrKeys": .array(ids.map(JSONValue.string)), "fields": .array(fields.map(JSONValue.string)),
                    "expand": .array(expand.map(JSONValue.string)),
                ], to: "\(fixture.url)/rest/api/3/issue/bulkfetch", client: client)
        }
        let all = fixture.sandbox.issueIDs.map(String.init)
        let (status, answer) = try await fetch([all[5], "99999999", all[2], all[9]], fields: ["summary"])
        #expect(status == 200)
        #expect(answer["issues"]?.arrayValue?.compactMap { $0["id"]?.stringValue } == [all[2], all[5], all[9]])
        #expect(answer["issues"]?.arrayValue?.first?["fields"]?.objectValue?.keys.sorted() == ["summary"])
        #expect(try await fetch(Array(all.prefix(1000)), fields: ["summary", "status"]).0 == 200)
        #expect(try await fetch(Array(all.prefix(1001)), fields: ["summary"]).0 == 400)
        #expect(try await fetch(Array(all.prefix(101)), fields: ["summary", "comment"]).0 == 400)
        #expect(try await fetch(Array(all.prefix(101)), fields: ["summary"], expand: ["changelog"]).0 == 400)
        #expect(try await fetch(Array(all.prefix(100)), fields: ["comment"], expand: ["changelog"]).0 == 200)
        #expect(try await fetch([], fields: ["summary"]).0 == 400)
    }

    @Test("long changelogs of a bulk page come whole through one changelog listing, not pages per issue")
    func changelogsInBulk() async throws {
        var query = Self.query
        query.fields.append("changelog.histories")
        let fixture = try JiraSandboxFixture(JiraSandboxConfig(issues: 600))
        let chain = try await allRecords(try fixture.connection(extras: ["bulkFetch": "off"]), query)
        let long = chain.records.filter { ($0["changelog"]?["histories"]?.arrayValue?.count ?? 0) > 40 }
        #expect(long.count >= 3, "no issue has a changelog longer than a bulk fetch embeds: the test shows nothing")
        fixture.sandbox.resetRequestCounts()
        let bulk = try await allRecords(try fixture.connection(extras: ["bulkFetch": "on"]), query)
        #expect(bulk.records.map(\.jsonText) == chain.records.map(\.jsonText))
        let counts = fixture.sandbox.requestCounts
        #expect(counts["GET /rest/api/3/issue/{id}/changelog"] == nil, "\(counts)")
        #expect((counts["POST /rest/api/3/changelog/bulkfetch"] ?? 0) >= 1)
        #expect((counts["POST /rest/api/3/changelog/bulkfetch"] ?? 0) <= long.count)
    }

    @Test("a site without changelog/bulkfetch: one 404, then each long changelog by its own pages, same records")
    func changelogsWithoutBulk() async throws {
        var query = Self.query
        query.fields.append("changelog.histories")
        var config = JiraSandboxConfig(issues: 600)
        let withBulk = try JiraSandboxFixture(config)
        let expected = try await allRecords(try withBulk.connection(extras: ["bulkFetch": "on"]), query)
        config.bulkChangelogs = false
        let fixture = try JiraSandboxFixture(config)
        let records = try await allRecords(try fixture.connection(extras: ["bulkFetch": "on"]), query)
        // Two sandboxes: the same world at two origins.
        #expect(
            records.records.map { $0.jsonText.replacingOccurrences(of: fixture.url, with: "") }
                == expected.records.map { $0.jsonText.replacingOccurrences(of: withBulk.url, with: "") })
        let counts = fixture.sandbox.requestCounts
        #expect(counts["POST /rest/api/3/changelog/bulkfetch"] == 1, "the missing endpoint was asked again")
        #expect((counts["GET /rest/api/3/issue/{id}/changelog"] ?? 0) >= 3)
    }

    @Test("the sandbox's changelog/bulkfetch: oldest first in runs by issue, opaque tokens, 1 to 1,000 issues")
    func sandboxChangelogEndpoint() async throws {
        let fixture = try JiraSandboxFixture(JiraSandboxConfig(issues: 600))
        let client = HTTPClient(credentials: fixture.validCredentials, options: fixture.options())
        func list(_ ids: [String], maxResults: Int? = nil, token: String? = nil, fields: [String] = [])
            async throws -> (Int, JSONValue)
        {
            var body: [String: JSONValue] = ["issueIdsOrKeys": .array(ids.map(JSONValue.string))]
            if let maxResults { body["maxResults"] = .number(Double(maxResults)) }
            if let token { body["nextPageToken"] = .string(token) }
            if !fields.isEmpty { body["fieldIds"] = .array(fields.map(JSONValue.string)) }
            return try await Self.post(
                .object(body), to: "\(fixture.url)/rest/api/3/changelog/bulkfetch", client: client)
        }
        let all = fixture.sandbox.issueIDs.map(String.init)
        let ids = Array(all.prefix(200)) + ["99999999"]
        // Paged 7 at a time, the listing brings each history once, oldest first overall.
        var histories: [(issue: String, created: String, id: String)] = []
        var token: String?
        var pages = 0
        repeat {
            let (status, answer) = try await list(ids, maxResults: 7, token: token)
            #expect(status == 200)
            for log in answer["issueChangeLogs"]?.arrayValue ?? [] {
                let issue = try #require(log["issueId"]?.stringValue)
                #expect(issue != "99999999")
                for history in log["changeHistories"]?.arrayValue ?? [] {
                    histories.append(
                        (issue, history["created"]?.stringValue ?? "", history["id"]?.stringValue ?? ""))
                }
            }
            token = answer["nextPageToken"]?.stringValue
            pages += 1
        } while token != nil && pages < 1000
        let created = histories.compactMap { Timestamp.parse($0.created) }
        #expect(created.count == histories.count && created == created.sorted())
        #expect(Set(histories.map { "\($0.issue)/\($0.id)" }).count == histories.count)
        #expect(pages == (histories.count + 6) / 7)
        // The same histories as the issues' own changelogs, issue by issue.
        let longest = Dictionary(grouping: histories, by: \.issue).max { $0.value.count < $1.value.count }
        let (issue, listed) = try #require(longest)
        let own = try JSONParser.parse(
            try await client.send(
                HTTPRequest(
                    method: "GET",
                    url: URL(string: "\(fixture.url)/rest/api/3/issue/\(issue)/changelog?maxResults=100")!)
            ).body)
        #expect(own["total"]?.intValue == listed.count)
        #expect(
            own["values"]?.arrayValue?.compactMap { $0["id"]?.stringValue } == Array(listed.map(\.id).prefix(100)))
        // A field filter, and the limits.
        let (_, statusOnly) = try await list(ids, fields: ["assignee"])
        let fields = (statusOnly["issueChangeLogs"]?.arrayValue ?? []).flatMap {
            $0["changeHistories"]?.arrayValue ?? []
        }
        .flatMap { $0["items"]?.arrayValue ?? [] }.compactMap { $0["field"]?.stringValue }
        #expect(!fields.isEmpty && Set(fields) == ["assignee"])
        #expect(try await list(Array(repeating: all[0], count: 1001)).0 == 400)
        #expect(try await list([]).0 == 400)
        #expect(try await list(ids, token: "not-a-token").0 == 400)
        #expect(try await list(ids, fields: (0..<11).map { "field\($0)" }).0 == 400)
    }

    /// POSTs `body` as JSON to `url` and answers the status and the parsed body, refusals included.
    static func post(_ body: JSONValue, to url: String, client: HTTPClient) async throws -> (Int, JSONValue) {
        var request = HTTPRequest(method: "POST", url: try #require(URL(string: url)))
        request.headers["Content-Type"] = "application/json"
        request.body = JSONWriter().data(body)
        do {
            let response = try await client.send(request)
            return (response.status, try JSONParser.parse(response.body))
        } catch let error as HTTPError {
            guard case .status(let status, let body, _, _, _) = error else { throw error }
            return (status, (try? JSONParser.parse(body)) ?? .null)
        }
    }
}
