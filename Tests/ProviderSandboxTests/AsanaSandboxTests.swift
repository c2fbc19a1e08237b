import Foundation
import ImportCore
import ProviderSandbox
import Testing

/// The Asana sandbox answers as Asana's REST API does: Bearer tokens, `{"data": …}`, compact records
/// unless `opt_fields` names more, `limit`/`offset` pages whose offsets expire, Asana's error bodies
/// and its per-minute limit.
@Suite("The Asana sandbox")
struct AsanaSandboxTests {
    /// One GET, unretried: its status, its body and its headers, whatever the status.
    static func get(_ sandbox: AsanaSandbox, _ path: String, token: String? = nil) async throws
        -> (status: Int, body: JSONValue, headers: [String: String])
    {
        let client = HTTPClient(credentials: nil, options: ConnectionOptions(maxAttempts: 1))
        var request = HTTPRequest(method: "GET", url: try #require(URL(string: sandbox.apiBase + path)))
        request.headers["Authorization"] = "Bearer \(token ?? sandbox.config.token)"
        do {
            let response = try await client.send(request)
            return (response.status, try JSONParser.parse(response.body), response.headers)
        } catch let error as HTTPError {
            guard case .status(let status, let body, let headers, _, _) = error else { throw error }
            return (status, (try? JSONParser.parse(body)) ?? .null, headers)
        }
    }

    @Test("a wrong token is refused with Asana's error body; the right one reads the person and the workspace")
    func authentication() async throws {
        let sandbox = try AsanaSandbox()
        defer { sandbox.stop() }
        let refused = try await Self.get(sandbox, "/users/me", token: "not-the-token")
        #expect(refused.status == 401)
        #expect(refused.body["errors"]?[0]?["message"]?.stringValue == "Not Authorized")
        #expect(refused.body["errors"]?[0]?["help"]?.stringValue?.contains("developers.asana.com/docs/errors") == true)
        let me = try await Self.get(sandbox, "/users/me")
        #expect(me.status == 200)
        #expect(me.body["data"]?["email"]?.stringValue == sandbox.config.email)
        #expect(me.body["data"]?["workspaces"]?[0]?["name"]?.stringValue == sandbox.config.workspaceName)
    }

    @Test("a project's tasks page by limit and offset: every task once, next_page null on the last page")
    func paging() async throws {
        let sandbox = try AsanaSandbox(config: AsanaSandboxConfig(issues: 300, projects: 1))
        defer { sandbox.stop() }
        let project = try #require(sandbox.projectGIDs.first)
        let expected = sandbox.taskItems(project: 0).count
        #expect(expected > 100)
        var gids: [String] = []
        var path = "/projects/\(project)/tasks?limit=50"
        var pages = 0
        while true {
            let page = try await Self.get(sandbox, path)
            #expect(page.status == 200)
            let records = page.body["data"]?.arrayValue ?? []
            gids += records.compactMap { $0["gid"]?.stringValue }
            pages += 1
            guard let offset = page.body["next_page"]?["offset"]?.stringValue else {
                #expect(page.body["next_page"] == .null)
                break
            }
            #expect(page.body["next_page"]?["uri"]?.stringValue?.hasPrefix(sandbox.apiBase) == true)
            path = "/projects/\(project)/tasks?limit=50&offset=\(offset)"
        }
        #expect(pages == (expected + 49) / 50)
        #expect(gids.count == expected && Set(gids).count == expected)
        #expect(try await Self.get(sandbox, "/projects/\(project)/tasks?limit=101").status == 400)
        let whole = try await Self.get(sandbox, "/projects/\(project)/tasks")
        #expect(whole.status == 400, "more than a page without a limit is refused")
        #expect(try await Self.get(sandbox, "/projects/999/tasks?limit=10").status == 404)
    }

    @Test("an offset is bound to its query and expires: a stored offset cannot be a cursor")
    func offsetsExpire() async throws {
        let sandbox = try AsanaSandbox(config: AsanaSandboxConfig(issues: 120, projects: 1, offsetLifetimeSeconds: 1))
        defer { sandbox.stop() }
        let project = try #require(sandbox.projectGIDs.first)
        let first = try await Self.get(sandbox, "/projects/\(project)/tasks?limit=10")
        let offset = try #require(first.body["next_page"]?["offset"]?.stringValue)
        let other = try await Self.get(sandbox, "/projects/\(project)/tasks?limit=10&opt_fields=name&offset=\(offset)")
        #expect(other.status == 400, "an offset of another query")
        try await Task.sleep(nanoseconds: 1_100_000_000)
        let late = try await Self.get(sandbox, "/projects/\(project)/tasks?limit=10&offset=\(offset)")
        #expect(late.status == 400)
        #expect(late.body["errors"]?[0]?["message"]?.stringValue?.contains("expired") == true)
    }

    @Test("records are compact unless opt_fields names more; dotted paths choose inside objects")
    func optFields() async throws {
        let sandbox = try AsanaSandbox(config: AsanaSandboxConfig(issues: 120, projects: 1))
        defer { sandbox.stop() }
        let project = try #require(sandbox.projectGIDs.first)
        let compact = try await Self.get(sandbox, "/projects/\(project)/tasks?limit=5")
        #expect(
            Set(compact.body["data"]?[0]?.objectValue?.keys.map { $0 } ?? [])
                == ["gid", "name", "resource_type", "resource_subtype"])
        let rich = try await Self.get(
            sandbox,
            "/projects/\(project)/tasks?limit=30&opt_fields=name,completed,modified_at,assignee.email,memberships.section.name,permalink_url"
        )
        let records = rich.body["data"]?.arrayValue ?? []
        #expect(records.count == min(30, sandbox.taskItems(project: 0).count))
        let assigned = try #require(records.first { $0["assignee"] != .null && $0["assignee"] != nil })
        #expect(Set(assigned["assignee"]?.objectValue?.keys.map { $0 } ?? []) == ["gid", "resource_type", "email"])
        #expect(assigned["modified_at"]?.stringValue.flatMap(Timestamp.parse) != nil)
        #expect(assigned["permalink_url"]?.stringValue?.hasPrefix("https://app.asana.com/0/\(project)/") == true)
        #expect(assigned["memberships"]?[0]?["section"]?["name"]?.stringValue != nil)
        #expect(assigned["notes"] == nil, "a field not asked for is left out")
    }

    @Test(
        "GET /tasks?project= with modified_since keeps exactly the tasks changed at or after it; the project listing has no such filter"
    )
    func modifiedSince() async throws {
        let sandbox = try AsanaSandbox(config: AsanaSandboxConfig(issues: 100, projects: 1))
        defer { sandbox.stop() }
        let project = try #require(sandbox.projectGIDs.first)
        let all = try await Self.get(sandbox, "/projects/\(project)/tasks?limit=100&opt_fields=modified_at")
        let stamps = (all.body["data"]?.arrayValue ?? []).compactMap { record -> (String, Timestamp)? in
            guard let gid = record["gid"]?.stringValue,
                let stamp = record["modified_at"]?.stringValue.flatMap(Timestamp.parse)
            else { return nil }
            return (gid, stamp)
        }
        #expect(stamps.count == sandbox.taskItems(project: 0).count)
        let threshold = stamps.map(\.1).sorted()[stamps.count * 3 / 4]
        let expected = Set(stamps.filter { $0.1 >= threshold }.map(\.0))
        let recent = try await Self.get(
            sandbox, "/tasks?project=\(project)&limit=100&modified_since=\(threshold.iso8601)")
        #expect(Set((recent.body["data"]?.arrayValue ?? []).compactMap { $0["gid"]?.stringValue }) == expected)
        #expect(expected.count >= 5 && expected.count < stamps.count)
        let ignored = try await Self.get(
            sandbox, "/projects/\(project)/tasks?limit=100&modified_since=\(threshold.iso8601)")
        #expect(
            ignored.body["data"]?.arrayValue?.count == stamps.count, "Asana's project listing has no modified_since")
        #expect(
            try await Self.get(sandbox, "/tasks?project=\(project)&limit=10&modified_since=yesterday").status == 400)
        #expect(try await Self.get(sandbox, "/tasks?limit=10").status == 400, "GET /tasks needs a project")
    }

    @Test("past the minute's budget: 429 with Retry-After and Asana's recorded message")
    func rateLimit() async throws {
        let sandbox = try AsanaSandbox(config: AsanaSandboxConfig(requestsPerMinute: 3))
        defer { sandbox.stop() }
        for _ in 0..<3 { #expect(try await Self.get(sandbox, "/workspaces").status == 200) }
        let refused = try await Self.get(sandbox, "/workspaces")
        #expect(refused.status == 429)
        #expect(refused.headers["retry-after"].flatMap(Int.init).map { (1...60).contains($0) } == true)
        // The recorded sample (../shared/ref/asana/, kept with its origin in ProviderConformance's fixtures).
        let sample = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("ProviderConformance/Fixtures/asana/error-429-rate-limited.json")
        let recorded = try JSONParser.parse(Data(contentsOf: sample))
        #expect(refused.body == recorded)
    }

    @Test("a task's detail, stories, subtasks and attachments; an unknown task is a 404 in Asana's words")
    func children() async throws {
        let sandbox = try AsanaSandbox(config: AsanaSandboxConfig(issues: 60, projects: 1))
        defer { sandbox.stop() }
        let project = try #require(sandbox.projectGIDs.first)
        let list = try await Self.get(sandbox, "/projects/\(project)/tasks?limit=100&opt_fields=num_subtasks,parent")
        let tasks = list.body["data"]?.arrayValue ?? []
        #expect(tasks.count == sandbox.taskItems(project: 0).count)
        #expect(tasks.count < 60, "subtasks are not in their project's listing")
        #expect(tasks.allSatisfy { $0["parent"] == .null })

        // Stories: the system story of its making first, then the comments, oldest first.
        var comments = 0
        for task in tasks.prefix(20) {
            let gid = try #require(task["gid"]?.stringValue)
            let stories = try await Self.get(sandbox, "/tasks/\(gid)/stories?limit=100")
            let records = stories.body["data"]?.arrayValue ?? []
            #expect(records.first?["resource_subtype"]?.stringValue == "added_to_project")
            let times = records.compactMap { $0["created_at"]?.stringValue }
            #expect(times == times.sorted())
            comments += records.filter { $0["type"]?.stringValue == "comment" }.count
        }
        #expect(comments > 0)

        // Subtasks: as many as the parent counts, each naming it as its parent.
        let parent = try #require(tasks.first { ($0["num_subtasks"]?.intValue ?? 0) > 0 })
        let parentGID = try #require(parent["gid"]?.stringValue)
        let subtasks = try await Self.get(sandbox, "/tasks/\(parentGID)/subtasks?limit=100&opt_fields=parent")
        let children = subtasks.body["data"]?.arrayValue ?? []
        #expect(children.count == parent["num_subtasks"]?.intValue)
        #expect(children.allSatisfy { $0["parent"]?["gid"]?.stringValue == parentGID })

        // Detail, with custom fields; an unknown task.
        let detail = try await Self.get(
            sandbox, "/tasks/\(parentGID)?opt_fields=name,custom_fields.name,custom_fields.number_value")
        #expect(detail.body["data"]?["custom_fields"]?[0]?["name"]?.stringValue == "Story Points")
        let missing = try await Self.get(sandbox, "/tasks/1400000999999")
        #expect(missing.status == 404)
        #expect(missing.body["errors"]?[0]?["message"]?.stringValue == "task: Unknown object: 1400000999999")

        // Attachments: compact, or with a download URL that expires and a permanent one to store.
        var found: JSONValue?
        for task in tasks {
            let gid = try #require(task["gid"]?.stringValue)
            let answer = try await Self.get(
                sandbox, "/attachments?parent=\(gid)&limit=100&opt_fields=name,size,download_url,permanent_url")
            if let first = answer.body["data"]?.arrayValue?.first {
                found = first
                break
            }
        }
        let attachment = try #require(found)
        let link = try #require(attachment["download_url"]?.stringValue)
        #expect(link.hasPrefix(sandbox.baseURL + "/attachments/") && link.contains("expires="))
        // The download URL is a pre-signed link: it needs no token, and its bytes are the attachment's.
        let client = HTTPClient(credentials: nil, options: ConnectionOptions(maxAttempts: 1))
        let bytes = try await client.send(HTTPRequest(method: "GET", url: try #require(URL(string: link))))
        #expect(bytes.status == 200 && bytes.body.count == attachment["size"]?.intValue)
        #expect(attachment["permanent_url"]?.stringValue?.hasPrefix("https://app.asana.com/") == true)
        #expect(try await Self.get(sandbox, "/attachments?limit=10").status == 400)
    }
}
