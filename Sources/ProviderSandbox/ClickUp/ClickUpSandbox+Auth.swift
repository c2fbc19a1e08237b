import Foundation
import ImportCore

// Who a request is, and how ClickUp answers what it refuses: `{"err": "…", "ECODE": "…"}`.
extension ClickUpSandbox {
    /// A ClickUp error answer.
    static func error(_ status: Int, _ message: String, code: String, headers: [String: String] = [:])
        -> SandboxResponse
    {
        .json(status, JSONValue.object(["err": .string(message), "ECODE": .string(code)]).jsonText, headers: headers)
    }

    /// ClickUp's refusal of a request without the sandbox's token: the header missing (OAUTH_017)
    /// or not a token it knows (OAUTH_025, also for `Bearer pk_…`: a personal token goes bare, an
    /// OAuth token as Bearer).
    func authenticationRefusal(_ request: SandboxRequest) -> SandboxResponse? {
        guard let header = request.header("authorization")?.trimmingCharacters(in: .whitespaces), !header.isEmpty
        else { return Self.error(401, "Authorization header required", code: "OAUTH_017") }
        let known = header == config.token || header == "Bearer \(config.oauthToken)"
        return known ? nil : Self.error(401, "Token invalid", code: "OAUTH_025")
    }

    /// Counts the request against the minute's budget. Every answer carries ClickUp's headers
    /// (`X-RateLimit-Limit`, `-Remaining`, `-Reset` in seconds since 1970); once the budget is spent
    /// the answer is ClickUp's 429.
    func spendMinuteBudget(now: Date = Date()) -> (refusal: SandboxResponse?, headers: [String: String]) {
        state.withLock { state in
            if now.timeIntervalSince(state.minute.start) >= config.windowSeconds { state.minute = (now, 0) }
            state.minute.requests += 1
            let forced = state.forcedRateLimits > 0
            if forced { state.forcedRateLimits -= 1 }
            let reset = forced ? now.addingTimeInterval(1) : state.minute.start.addingTimeInterval(config.windowSeconds)
            let headers = [
                "X-RateLimit-Limit": String(config.requestsPerMinute),
                "X-RateLimit-Remaining": String(forced ? 0 : max(0, config.requestsPerMinute - state.minute.requests)),
                "X-RateLimit-Reset": String(Int(reset.timeIntervalSince1970.rounded(.up))),
            ]
            guard forced || state.minute.requests > config.requestsPerMinute else { return (nil, headers) }
            state.refused += 1
            return (Self.error(429, "Rate limit reached", code: "APP_002", headers: headers), headers)
        }
    }
}
