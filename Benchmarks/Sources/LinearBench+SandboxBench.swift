import ImportCore

extension LinearBench: SandboxBench {
    var provider: String { "linear" }
    var source: [String: JSONValue] { ["containers": ["DEMO"], "cap": .null, "pageSize": 100, "worklogs": false] }
    func rawFetch() async throws -> (seconds: Double, requests: Int, issues: Int) {
        try await rawFetch(pageSize: 100)
    }
    func resetRequests() { sandbox.resetRequestCounts() }
    func requests() -> Int { sandbox.requestCounts.values.reduce(0, +) }
    func update(_ count: Int) { sandbox.updateIssues(count) }
    func stop() { sandbox.stop() }
}
