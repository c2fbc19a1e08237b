import Foundation
import ImportCore

// `/__sandbox/…` endpoints: the test controls for other processes (benchmarks, reliability runs).
extension JiraSandbox {
    func control(_ request: SandboxRequest) -> SandboxResponse {
        switch (request.method, request.path) {
        case ("POST", "/__sandbox/mutate"):
            let updated = updateIssues(Int(request.query["update"] ?? "0") ?? 0)
            let deleted = deleteIssues(Int(request.query["delete"] ?? "0") ?? 0)
            let added = addIssues(Int(request.query["add"] ?? "0") ?? 0)
            let moved = moveIssues(Int(request.query["move"] ?? "0") ?? 0)
            let ids: (([Int]) -> JSONValue) = { .array($0.map { .string(String($0)) }) }
            return .json(
                200,
                JSONValue.object([
                    "updated": ids(updated), "deleted": ids(deleted), "added": ids(added), "moved": ids(moved),
                ]).jsonText)
        case ("GET", "/__sandbox/stats"):
            let counts = requestCounts.mapValues { JSONValue.number(Double($0)) }
            var faults: [String: JSONValue] = [:]
            for (fault, count) in server.injectedFaults { faults[fault.rawValue] = JSONValue.number(Double(count)) }
            return .json(
                200,
                JSONValue.object([
                    "requests": .object(counts), "faults": .object(faults), "issues": .number(Double(issueCount)),
                ]).jsonText)
        case ("POST", "/__sandbox/reset-stats"):
            resetRequestCounts()
            return .json(200, "{}")
        case ("POST", "/__sandbox/faults"):
            guard let body = try? JSONParser.parse(request.body) else {
                return .json(400, #"{"error":"faults need a JSON body"}"#)
            }
            var plan = FaultPlan()
            plan.latencyMilliseconds = body["latencyMilliseconds"]?.intValue ?? 0
            plan.rateLimited = body["rateLimited"]?.doubleValue ?? 0
            plan.retryAfterSeconds = body["retryAfterSeconds"]?.intValue ?? 1
            plan.serverErrors500 = body["serverErrors500"]?.doubleValue ?? 0
            plan.unavailable503 = body["unavailable503"]?.doubleValue ?? 0
            plan.droppedMidBody = body["droppedMidBody"]?.doubleValue ?? 0
            plan.truncatedJSON = body["truncatedJSON"]?.doubleValue ?? 0
            plan.seed = UInt64(body["seed"]?.intValue ?? 7)
            setFaults(plan)
            return .json(200, "{}")
        default:
            return .json(404, #"{"error":"unknown sandbox control"}"#)
        }
    }
}
