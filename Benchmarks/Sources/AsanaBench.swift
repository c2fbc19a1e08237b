import AsanaProvider
import Foundation
import ImportCore
import ProviderSandbox
import WorkspaceStore

/// The Asana side of `tributary-bench --provider asana`: the Asana sandbox (one project, no
/// per-minute limit), a connection to it, and the raw-fetch bound: every request an import needs
/// (the task listing, then each task's stories, attachments and subtasks), one after another.
struct AsanaBench {
    let sandbox: AsanaSandbox

    init(issues: Int, latency: Int) throws {
        var faults = FaultPlan()
        faults.latencyMilliseconds = latency
        sandbox = try AsanaSandbox(
            config: AsanaSandboxConfig(issues: issues, projects: 1, requestsPerMinute: 100_000_000, faults: faults))
    }

    /// Stores the connection `bench` in `workspace` for `owner`.
    func connect(_ workspace: Workspace, owner: Owner, vault: CredentialVault) async throws {
        let credentials = Credentials.personalAccessToken(sandbox.config.token)
        let account = try await AsanaProvider().verify(credentials, at: sandbox.apiBase)
        try workspace.connections.create(
            owner: owner, name: "bench", provider: "asana", baseURL: sandbox.apiBase, authKind: .personalAccessToken,
            account: account, secret: credentials.secret, vault: vault)
    }

    /// Reads what an import reads, sequentially: the project's tasks (100 a page), then for each
    /// task (subtasks included) its stories, its attachments and, when it has any, its subtasks.
    func rawFetch() async throws -> (seconds: Double, requests: Int, issues: Int) {
        let transport = URLSessionTransport(maxConnectionsPerHost: 1)
        let taskFields =
            "name,notes,html_notes,completed,modified_at,created_at,due_on,assignee.email,parent,tags.name,memberships.section.name,custom_fields.name,custom_fields.display_value,custom_fields.number_value,dependents.name,num_subtasks,permalink_url"
        var requests = 0
        func get(_ path: String, _ query: [(String, String)]) async throws -> JSONValue {
            var components = URLComponents(string: sandbox.apiBase + path)
            components?.queryItems = query.map { URLQueryItem(name: $0.0, value: $0.1) }
            guard let url = components?.url else { throw BenchError("bad URL for \(path)") }
            let response = try await transport.send(
                HTTPRequest(url: url, headers: ["Authorization": "Bearer \(sandbox.config.token)"]),
                limits: TransportLimits(timeout: 60, maxBodyBytes: 1 << 30))
            guard response.status == 200 else { throw BenchError("raw fetch got HTTP \(response.status) for \(path)") }
            requests += 1
            return try JSONParser.parse(response.body)
        }
        func all(_ path: String, _ query: [(String, String)]) async throws -> [JSONValue] {
            var records: [JSONValue] = []
            var offset: String?
            repeat {
                let page = try await get(path, query + [("limit", "100")] + (offset.map { [("offset", $0)] } ?? []))
                records += page["data"]?.arrayValue ?? []
                offset = page["next_page"]?["offset"]?.stringValue
            } while offset != nil
            return records
        }
        let started = Date()
        guard let project = sandbox.projectGIDs.first else { throw BenchError("the sandbox has no project") }
        var pending = try await all("/projects/\(project)/tasks", [("opt_fields", taskFields)])
        var tasks = 0
        while let task = pending.popLast() {
            tasks += 1
            guard let gid = task["gid"]?.stringValue else { continue }
            _ = try await all(
                "/tasks/\(gid)/stories", [("opt_fields", "resource_subtype,created_at,text,created_by.email")])
            _ = try await all("/attachments", [("parent", gid), ("opt_fields", "name,size,created_at,permanent_url")])
            if (task["num_subtasks"]?.intValue ?? 0) > 0 {
                pending += try await all("/tasks/\(gid)/subtasks", [("opt_fields", taskFields)])
            }
        }
        return (Date().timeIntervalSince(started), requests, tasks)
    }
}
