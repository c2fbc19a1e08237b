import Foundation
import ImportCore
import ProviderSandbox
import Testing

/// The ClickUp sandbox answers as ClickUp's API v2 does: the personal token bare and an OAuth token
/// as Bearer, `{"err", "ECODE"}` refusals, the hierarchy, tasks 100 a page by page number with its
/// filters, comments 25 a call newest first with replies apart, and `X-RateLimit-*` on every answer.
@Suite("The ClickUp sandbox")
struct ClickUpSandboxTests {
    /// One GET, unretried: its status, its body and its headers, whatever the status.
    static func get(_ sandbox: ClickUpSandbox, _ path: String, authorization: String?) async throws
        -> (status: Int, body: JSONValue, headers: [String: String])
    {
        let client = HTTPClient(credentials: nil, options: ConnectionOptions(maxAttempts: 1))
        var request = HTTPRequest(method: "GET", url: try #require(URL(string: sandbox.apiBase + path)))
        if let authorization { request.headers["Authorization"] = authorization }
        do {
            let response = try await client.send(request)
            return (response.status, try JSONParser.parse(response.body), response.headers)
        } catch let error as HTTPError {
            guard case .status(let status, let body, let headers, _, _) = error else { throw error }
            return (status, (try? JSONParser.parse(body)) ?? .null, headers)
        }
    }

    @Test("no token, a wrong one or the personal token as Bearer are refused in ClickUp's words; both right forms read")
    func authentication() async throws {
        let sandbox = try ClickUpSandbox()
        defer { sandbox.stop() }
        let missing = try await Self.get(sandbox, "/user", authorization: nil)
        #expect(missing.status == 401 && missing.body["ECODE"]?.stringValue == "OAUTH_017")
        for wrong in ["pk_1_wrong", "Bearer \(sandbox.config.token)"] {
            let refused = try await Self.get(sandbox, "/user", authorization: wrong)
            #expect(refused.status == 401)
            #expect(
                refused.body["err"]?.stringValue == "Token invalid" && refused.body["ECODE"]?.stringValue == "OAUTH_025"
            )
        }
        for right in [sandbox.config.token, "Bearer \(sandbox.config.oauthToken)"] {
            let me = try await Self.get(sandbox, "/user", authorization: right)
            #expect(me.body["user"]?["email"]?.stringValue == sandbox.config.email)
            #expect(me.headers["x-ratelimit-limit"] == "10000" && me.headers["x-ratelimit-remaining"] != nil)
        }
    }

    @Test("tasks: 100 a page by page number, subtasks and closed ones only when asked, date_updated_gt inclusive")
    func listing() async throws {
        let sandbox = try ClickUpSandbox(config: ClickUpSandboxConfig(issues: 260, lists: 1))
        defer { sandbox.stop() }
        let token = sandbox.config.token
        let list = try #require(sandbox.listIDs.first)
        let all = "/list/\(list)/task?subtasks=true&include_closed=true&order_by=updated&reverse=true"
        var ids: [String] = []
        var stamps: [Int64] = []
        for page in 0..<4 {
            let answer = try await Self.get(sandbox, all + "&page=\(page)", authorization: token)
            let tasks = answer.body["tasks"]?.arrayValue ?? []
            ids += tasks.compactMap { $0["id"]?.stringValue }
            stamps += tasks.compactMap { $0["date_updated"]?.stringValue.flatMap { Int64($0) } }
            #expect(answer.body["last_page"]?.boolValue == (ids.count == 260))
            if ids.count == 260 { break }
        }
        #expect(ids.count == 260 && Set(ids).count == 260)
        #expect(stamps == stamps.sorted(), "reverse=true: oldest update first")
        let plain = try await Self.get(sandbox, "/list/\(list)/task", authorization: token)
        let shown = plain.body["tasks"]?.arrayValue ?? []
        #expect(shown.allSatisfy { $0["parent"] == .null }, "subtasks only with subtasks=true")
        #expect(shown.allSatisfy { $0["status"]?["type"]?.stringValue != "closed" }, "closed only with include_closed")
        let middle = stamps[130]
        let since = try await Self.get(sandbox, all + "&date_updated_gt=\(middle)", authorization: token)
        let after = (since.body["tasks"]?.arrayValue ?? []).compactMap { $0["date_updated"]?.stringValue }
        #expect(after.first == String(middle), "ClickUp includes the instant it names")
    }

    @Test("comments: 25 a call newest first, the next from start and start_id; replies apart, one level")
    func comments() async throws {
        let sandbox = try ClickUpSandbox(config: ClickUpSandboxConfig(issues: 120, lists: 1))
        defer { sandbox.stop() }
        let token = sandbox.config.token
        let item = try #require(sandbox.taskItems(list: 0).first)
        sandbox.addComments(item: item, count: 60)
        let truth = sandbox.groundTruth
        let id = ClickUpSandbox.taskID(ofItem: item)
        let expected = try #require(truth[id])
        var seen: [String] = []
        var query = ""
        for _ in 0..<5 {
            let page = try await Self.get(sandbox, "/task/\(id)/comment\(query)", authorization: token)
            let comments = page.body["comments"]?.arrayValue ?? []
            #expect(comments.count <= 25)
            seen += comments.compactMap { $0["id"]?.stringValue }
            guard comments.count == 25, let last = comments.last else { break }
            query = "?start=\(last["date"]?.stringValue ?? "")&start_id=\(last["id"]?.stringValue ?? "")"
        }
        #expect(seen.count == expected.comments - expected.replies && Set(seen).count == seen.count)
        let (threaded, _) = try #require(truth.first { $0.value.replies > 0 })
        let top = try await Self.get(sandbox, "/task/\(threaded)/comment", authorization: token)
        let root = try #require(top.body["comments"]?.arrayValue?.first { $0["reply_count"]?.stringValue != "0" })
        let replies = try await Self.get(
            sandbox, "/comment/\(root["id"]?.stringValue ?? "")/reply", authorization: token)
        #expect(replies.body["comments"]?.arrayValue?.count == Int(root["reply_count"]?.stringValue ?? ""))
        let refused = try await Self.get(sandbox, "/task/\(id)/comment?start=1", authorization: token)
        #expect(refused.status == 400, "start without start_id")
    }

    @Test("the hierarchy: a Workspace, a space, a folder with the first list, the others folderless")
    func hierarchy() async throws {
        let sandbox = try ClickUpSandbox(config: ClickUpSandboxConfig(issues: 30, lists: 3))
        defer { sandbox.stop() }
        let token = sandbox.config.token
        let teams = try await Self.get(sandbox, "/team", authorization: token)
        #expect(teams.body["teams"]?[0]?["id"]?.stringValue == ClickUpSandbox.teamID)
        let spaces = try await Self.get(sandbox, "/team/\(ClickUpSandbox.teamID)/space", authorization: token)
        #expect(spaces.body["spaces"]?[0]?["statuses"]?.arrayValue?.isEmpty == false)
        let foldered = try await Self.get(sandbox, "/folder/\(ClickUpSandbox.folderID)/list", authorization: token)
        let loose = try await Self.get(sandbox, "/space/\(ClickUpSandbox.spaceID)/list", authorization: token)
        let inFolder = foldered.body["lists"]?.arrayValue?.compactMap { $0["id"]?.stringValue } ?? []
        let folderless = loose.body["lists"]?.arrayValue?.compactMap { $0["id"]?.stringValue } ?? []
        #expect(inFolder + folderless == sandbox.listIDs)
        #expect(inFolder.count == 1)
        let unknown = try await Self.get(sandbox, "/list/1/task", authorization: token)
        #expect(unknown.status == 404 && unknown.body["err"]?.stringValue == "List not found")
    }
}
