import Foundation
import ImportCore

// Who a request is, and how Asana answers what it refuses: `{"errors": [{"message", "help"}]}`.
extension AsanaSandbox {
    /// The `help` Asana puts beside every error message.
    static let errorHelp =
        "For more information on API status codes and how to handle them, read the docs on errors: https://developers.asana.com/docs/errors"

    /// An Asana error answer with `messages`, each with its `help`.
    static func errors(_ status: Int, _ messages: [String], headers: [String: String] = [:]) -> SandboxResponse {
        let errors = messages.map { JSONValue.object(["message": .string($0), "help": .string(errorHelp)]) }
        return .json(status, JSONValue.object(["errors": .array(errors)]).jsonText, headers: headers)
    }

    /// Whether the request carries the sandbox's token as `Bearer`; Asana answers anything else 401.
    func isAuthenticated(_ request: SandboxRequest) -> Bool {
        (request.header("authorization") ?? "").trimmingCharacters(in: .whitespaces) == "Bearer \(config.token)"
    }

    /// Counts the request against the minute's budget: the 429 Asana sends when it is spent.
    func spendMinuteBudget(now: Date = Date()) -> SandboxResponse? {
        state.withLock { state -> SandboxResponse? in
            if now.timeIntervalSince(state.minute.start) >= 60 { state.minute = (now, 0) }
            state.minute.requests += 1
            let forced = state.forcedRateLimits > 0
            if forced { state.forcedRateLimits -= 1 }
            guard forced || state.minute.requests > config.requestsPerMinute else { return nil }
            let wait = forced ? 1 : max(1, Int((60 - now.timeIntervalSince(state.minute.start)).rounded(.up)))
            // Asana's words (../shared/ref/asana/error-429-rate-limited.json); rejected requests count too.
            return .json(
                429,
                #"{"errors":[{"message":"You've made too many requests and hit a rate limit. Please retry after the given amount of time."}]}"#,
                headers: ["Retry-After": String(wait)])
        }
    }
}
