import ImportCore

extension AsanaBench: SandboxBench {
    var provider: String { "asana" }
    var source: [String: JSONValue] {
        [
            "containers": .array(sandbox.projectGIDs.map(JSONValue.string)), "cap": .null, "pageSize": 100,
            "worklogs": false,
        ]
    }
    func resetRequests() { sandbox.resetRequestCounts() }
    func requests() -> Int { sandbox.requestCounts.values.reduce(0, +) }
    func update(_ count: Int) { sandbox.updateTasks(count) }
    func stop() { sandbox.stop() }
}
