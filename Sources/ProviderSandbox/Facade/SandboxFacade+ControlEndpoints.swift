import Foundation
import ImportCore

// `/__sandbox/…` endpoints: the test controls for other processes (benchmarks, reliability runs).
extension SandboxFacade {
    func controlEndpoint(_ request: SandboxRequest) -> SandboxResponse {
        func count(_ name: String) -> Int { max(0, min(1_000_000, Int(request.query[name] ?? "0") ?? 0)) }
        switch (request.method, request.path) {
        case ("POST", "/__sandbox/mutate"):
            let changes = withWorld { world in
                [
                    "updated": world.update(count: count("update"), leavesOnly: true),
                    "deleted": world.delete(count: count("delete")), "added": world.add(count: count("add")),
                    "moved": world.move(count: count("move")), "archived": world.archive(count: count("archive")),
                    "trashed": world.archive(count: count("trash"), trash: true),
                ]
            }
            didMutate(
                updated: changes["updated"] ?? [], deleted: changes["deleted"] ?? [], added: changes["added"] ?? [])
            return .json(
                200,
                JSONValue.object(changes.mapValues { .array($0.map { .string(String($0)) }) }).jsonText)
        case ("GET", "/__sandbox/stats"):
            let counts = requestCounts.mapValues { JSONValue.number(Double($0)) }
            var faults: [String: JSONValue] = [:]
            for (fault, count) in server.injectedFaults { faults[fault.rawValue] = JSONValue.number(Double(count)) }
            let issues = withWorld { $0.issues.count }
            return .json(
                200,
                JSONValue.object([
                    "requests": .object(counts), "faults": .object(faults), "issues": .number(Double(issues)),
                ]).jsonText)
        case ("POST", "/__sandbox/reset-stats"):
            resetRequestCounts()
            return .json(200, "{}")
        case ("POST", "/__sandbox/faults"):
            guard let body = try? JSONParser.parse(request.body) else {
                return .json(400, #"{"error":"faults need a JSON body"}"#)
            }
            var plan = FaultPlan()
            plan.latencyMilliseconds = max(0, min(60_000, body["latencyMilliseconds"]?.intValue ?? 0))
            plan.rateLimited = body["rateLimited"]?.doubleValue ?? 0
            plan.retryAfterSeconds = max(0, min(3600, body["retryAfterSeconds"]?.intValue ?? 1))
            plan.serverErrors500 = body["serverErrors500"]?.doubleValue ?? 0
            plan.unavailable503 = body["unavailable503"]?.doubleValue ?? 0
            plan.droppedMidBody = body["droppedMidBody"]?.doubleValue ?? 0
            plan.truncatedJSON = body["truncatedJSON"]?.doubleValue ?? 0
            plan.seed = UInt64(clamping: body["seed"]?.intValue ?? 7)
            server.setFaults(plan)
            return .json(200, "{}")
        default:
            return .json(404, #"{"error":"unknown sandbox control"}"#)
        }
    }
}
