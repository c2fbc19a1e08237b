import ClickUpProvider
import Foundation
import ImportCore
import ProviderSandbox
import WorkspaceStore

/// The ClickUp side of `tributary-bench --provider clickup`: the ClickUp sandbox (one list, no
/// per-minute limit), a connection to it, and the raw-fetch bound: every request an import needs
/// (the list's task pages, then each task's detail, comments with their replies and time), one
/// after another.
struct ClickUpBench {
    let sandbox: ClickUpSandbox

    init(issues: Int, latency: Int) throws {
        var faults = FaultPlan()
        faults.latencyMilliseconds = latency
        sandbox = try ClickUpSandbox(
            config: ClickUpSandboxConfig(issues: issues, lists: 1, requestsPerMinute: 100_000_000, faults: faults))
    }

    /// Stores the connection `bench` in `workspace` for `owner`.
    func connect(_ workspace: Workspace, owner: Owner, vault: CredentialVault) async throws {
        let credentials = Credentials.apiKey(sandbox.config.token)
        let account = try await ClickUpProvider().verify(credentials, at: sandbox.apiBase)
        try workspace.connections.create(
            owner: owner, name: "bench", provider: "clickup", baseURL: sandbox.apiBase, authKind: .apiKey,
            account: account, secret: credentials.secret, vault: vault)
    }

    /// Reads what an import reads, sequentially: the list's tasks (100 a page, subtasks included),
    /// then for each task its detail, its comments (25 a call) and their threaded replies, and its
    /// tracked time when it has any.
    func rawFetch() async throws -> (seconds: Double, requests: Int, issues: Int) {
        let transport = URLSessionTransport(maxConnectionsPerHost: 1)
        var requests = 0
        func get(_ path: String, _ query: [(String, String)] = []) async throws -> JSONValue {
            var components = URLComponents(string: sandbox.apiBase + path)
            if !query.isEmpty { components?.queryItems = query.map { URLQueryItem(name: $0.0, value: $0.1) } }
            guard let url = components?.url else { throw BenchError("bad URL for \(path)") }
            let response = try await transport.send(
                HTTPRequest(url: url, headers: ["Authorization": sandbox.config.token]),
                limits: TransportLimits(timeout: 60, maxBodyBytes: 1 << 30))
            guard response.status == 200 else { throw BenchError("raw fetch got HTTP \(response.status) for \(path)") }
            requests += 1
            return try JSONParser.parse(response.body)
        }
        let started = Date()
        guard let list = sandbox.listIDs.first else { throw BenchError("the sandbox has no list") }
        var tasks: [JSONValue] = []
        var page = 0
        while true {
            let answer = try await get(
                "/list/\(list)/task",
                [
                    ("order_by", "updated"), ("reverse", "true"), ("subtasks", "true"), ("include_closed", "true"),
                    ("include_markdown_description", "true"), ("page", String(page)),
                ])
            tasks += answer["tasks"]?.arrayValue ?? []
            if answer["last_page"]?.boolValue != false { break }
            page += 1
        }
        for task in tasks {
            guard let id = task["id"]?.stringValue else { continue }
            _ = try await get("/task/\(id)", [("include_subtasks", "true"), ("include_markdown_description", "true")])
            var start: [(String, String)] = []
            while true {
                let comments = try await get("/task/\(id)/comment", start)["comments"]?.arrayValue ?? []
                for comment in comments where (comment["reply_count"]?.scalarText ?? "0") != "0" {
                    _ = try await get("/comment/\(comment["id"]?.scalarText ?? "")/reply")
                }
                guard comments.count == 25, let last = comments.last else { break }
                start = [("start", last["date"]?.scalarText ?? ""), ("start_id", last["id"]?.scalarText ?? "")]
            }
            if task["time_spent"] != nil { _ = try await get("/task/\(id)/time") }
        }
        return (Date().timeIntervalSince(started), requests, tasks.count)
    }
}

extension ClickUpBench: SandboxBench {
    var provider: String { "clickup" }
    var source: [String: JSONValue] {
        ["containers": .array(sandbox.listIDs.map(JSONValue.string)), "cap": .null, "pageSize": 100]
    }
    func resetRequests() { sandbox.resetRequestCounts() }
    func requests() -> Int { sandbox.requestCounts.values.reduce(0, +) }
    func update(_ count: Int) { sandbox.updateTasks(count) }
    func stop() { sandbox.stop() }
}
