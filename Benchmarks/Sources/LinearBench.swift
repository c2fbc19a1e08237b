import Foundation
import ImportCore
import LinearProvider
import ProviderSandbox
import WorkspaceStore

/// The Linear side of `tributary-bench --provider linear`: the Linear sandbox, a connection to it,
/// and the raw-fetch bound (the same issues query, page after page, nothing else).
struct LinearBench {
    let sandbox: LinearSandbox

    init(issues: Int, latency: Int) throws {
        var faults = FaultPlan()
        faults.latencyMilliseconds = latency
        sandbox = try LinearSandbox(
            config: LinearSandboxConfig(
                issues: issues, teams: 1, requestsPerWindow: 1_000_000, complexityPerWindow: 1_000_000_000,
                faults: faults))
    }

    /// Stores the connection `bench` in `workspace` for `owner`.
    func connect(_ workspace: Workspace, owner: Owner, vault: CredentialVault) async throws {
        let credentials = Credentials.apiKey(sandbox.config.apiKey)
        let account = try await LinearProvider().verify(credentials, at: sandbox.endpoint)
        try workspace.connections.create(
            owner: owner, name: "bench", provider: "linear", baseURL: sandbox.endpoint, authKind: .apiKey,
            account: account, secret: credentials.secret, vault: vault)
    }

    /// Pages through every issue of the team with a selection like the shipped table's, sequentially,
    /// halving the page size while Linear refuses the query as too complex.
    func rawFetch(pageSize: Int) async throws -> (seconds: Double, requests: Int, issues: Int) {
        let transport = URLSessionTransport(maxConnectionsPerHost: 1)
        guard let url = URL(string: sandbox.endpoint) else { throw BenchError("bad endpoint") }
        let query = """
            query Issues($first: Int!, $after: String) {
              issues(first: $first, after: $after, orderBy: updatedAt, includeArchived: true) {
                nodes { id identifier url title description priority priorityLabel estimate dueDate updatedAt archivedAt
                  state { name type } team { id key } assignee { id name email } parent { id } project { id name }
                  cycle { number } labels(first: 10) { nodes { name parent { name } } }
                  children(first: 20) { nodes { id identifier title state { type } } }
                  comments(first: 20) { nodes { id body createdAt updatedAt user { id name email } parent { id } } }
                  attachments(first: 10) { nodes { id title url createdAt updatedAt } } }
                pageInfo { hasNextPage endCursor }
              }
            }
            """
        var after: String?
        var first = pageSize
        var requests = 0
        var issues = 0
        let started = Date()
        while true {
            let variables: [String: JSONValue] = [
                "first": .number(Double(first)), "after": after.map(JSONValue.string) ?? .null,
            ]
            let request = HTTPRequest(
                method: "POST", url: url,
                headers: ["Authorization": sandbox.config.apiKey, "Content-Type": "application/json"],
                body: JSONWriter().data(["query": .string(query), "variables": .object(variables)]))
            let response = try await transport.send(
                request, limits: TransportLimits(timeout: 60, maxBodyBytes: 1 << 30))
            if response.status == 400, first > 1 {
                // Too complex for one query: the page size the provider would come down to as well.
                first /= 2
                continue
            }
            guard response.status == 200 else { throw BenchError("raw fetch got HTTP \(response.status)") }
            let connection = try JSONParser.parse(response.body)["data"]?["issues"]
            requests += 1
            issues += connection?["nodes"]?.arrayValue?.count ?? 0
            let more = connection?["pageInfo"]?["hasNextPage"]?.boolValue ?? false
            after = more ? connection?["pageInfo"]?["endCursor"]?.stringValue : nil
            if after == nil { break }
        }
        return (Date().timeIntervalSince(started), requests, issues)
    }
}
