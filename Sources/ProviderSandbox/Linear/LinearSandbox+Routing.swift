import Foundation
import ImportCore

// The emulator behind the shared routing (SandboxFacade+Routing): uploads, then the GraphQL endpoint.
extension LinearSandbox {
    func emulate(_ request: SandboxRequest) -> SandboxResponse {
        if request.path.hasPrefix("/uploads/") {
            state.withLock { $0.hits["GET /uploads", default: 0] += 1 }
            guard case .accepted = authenticate(request) else {
                return .text(401, "Unauthorized: uploads.linear.app files need the Authorization header")
            }
            let name = request.path.split(separator: "/").last.map(String.init) ?? "file"
            return .text(
                200, "Contents of \(name) (Tributary Linear sandbox)\n", contentType: "application/octet-stream")
        }
        guard request.path == "/graphql" else {
            return .text(404, "Cannot \(request.method) \(request.path)", contentType: "text/html; charset=utf-8")
        }
        guard request.method == "POST" else {
            return Self.errors([GraphQLError(message: "GET query missing.")], status: 400)
        }
        state.withLock { $0.hits["POST /graphql", default: 0] += 1 }
        if case .rejected(let response) = authenticate(request) { return response }
        guard case .object(let body)? = try? JSONParser.parse(request.body), let query = body["query"]?.stringValue
        else {
            return Self.errors(
                [
                    GraphQLError(
                        message: "POST body missing, invalid Content-Type, or JSON object has no keys.",
                        extensions: GraphQLExecutor.failure(code: "BAD_REQUEST"))
                ], status: 400)
        }
        let variables = body["variables"]?.objectValue ?? [:]
        return state.withLock { state -> SandboxResponse in
            let view = currentView(&state)
            let root = LinearQueryRoot(view: view, organizationName: config.organizationName)
            let outcome = executor.run(
                query: query, variables: variables, operationName: body["operationName"]?.stringValue, root: root)
            state.complexities.append(outcome.complexity)
            if outcome.refused {
                return Self.errors(outcome.errors, status: 400, headers: state.limiter.headers(cost: 0))
            }
            if outcome.complexity > config.maxComplexity {
                return Self.errors(
                    [
                        GraphQLError(
                            message:
                                "Query too complex - complexity of \(outcome.complexity) exceeds the maximum allowed of \(config.maxComplexity). Please reduce the number of fields or page size.",
                            extensions: GraphQLExecutor.failure(code: "QUERY_TOO_COMPLEX"))
                    ], status: 400, headers: state.limiter.headers(cost: outcome.complexity))
            }
            let now = Int64(Date().timeIntervalSince1970 * 1000)
            let forced = state.forcedRateLimits > 0
            if forced { state.forcedRateLimits -= 1 }
            guard !forced, state.limiter.admit(cost: outcome.complexity, now: now) else {
                var headers = state.limiter.headers(cost: outcome.complexity)
                headers["Retry-After"] = String(state.limiter.secondsToReset(now: now))
                return Self.errors(
                    [
                        GraphQLError(
                            message: "Rate limit exceeded",
                            extensions: [
                                "code": "RATELIMITED", "type": "ratelimited", "statusCode": 429, "userError": true,
                                "userPresentableMessage": .string(
                                    "\(state.limiter.spentBudget(cost: outcome.complexity, windowSeconds: config.windowSeconds)) Please try again later."
                                ),
                            ])
                    ], status: config.rateLimitedAs200 ? 200 : 400, headers: headers)
            }
            var answer: [String: JSONValue] = ["data": outcome.data ?? .null]
            if !outcome.errors.isEmpty { answer["errors"] = .array(outcome.errors.map(\.json)) }
            return .json(
                200, JSONValue.object(answer).jsonText, headers: state.limiter.headers(cost: outcome.complexity))
        }
    }

    /// A GraphQL error answer: `{"errors": [...]}` with `status`.
    static func errors(_ errors: [GraphQLError], status: Int, headers: [String: String] = [:]) -> SandboxResponse {
        .json(status, JSONValue.object(["errors": .array(errors.map(\.json))]).jsonText, headers: headers)
    }
}
