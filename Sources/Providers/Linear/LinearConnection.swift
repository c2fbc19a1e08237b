import Foundation
import ImportCore
import Synchronization

/// A connection to one Linear workspace with one key. Everything goes through one GraphQL endpoint;
/// Linear's errors arrive in `errors[]` (with HTTP 400, sometimes 200), rate limits among them,
/// which the connection waits out as Linear's headers say (bounded). Its parts live beside it: the
/// account and teams (`+Account`), the issue search (`+Search`), what a page left out
/// (`+Children`), delete reconciliation (`+Reconciliation`) and reference data (`+ReferenceData`).
public final class LinearConnection: ProviderConnection {
    let endpoint: URL
    let client: HTTPClient
    let options: ConnectionOptions
    /// The workspace's URL slug, when the stored account knows it (`organization.urlKey`).
    let urlKey: String?

    struct State {
        var organizationID: String?
        var rateLimitWaits = 0
    }

    let state: Mutex<State>

    /// The longest wait for a rate-limit reset before the import stops and says when to come back.
    static let maxRateLimitWait: Double = 300

    /// Child requests (comments, sub-issues, attachments beyond a page) in flight at once per page.
    static let childConcurrency = 4

    init(settings: ConnectionSettings) {
        endpoint = settings.baseURL
        options = settings.options
        urlKey = settings.options.extras["urlKey"].flatMap { $0.isEmpty ? nil : $0 }
        client = HTTPClient(credentials: settings.credentials, options: settings.options, logger: settings.requestLog)
        state = Mutex(State(organizationID: settings.options.extras["organizationId"]))
    }

    /// Where a person opens the workspace: Linear's app (`https://linear.app/<urlKey>`) for the
    /// hosted API, the sandbox's own address.
    public var siteURL: String {
        guard endpoint.host != "api.linear.app",
            var components = URLComponents(url: endpoint, resolvingAgainstBaseURL: false)
        else {
            let slug =
                urlKey?.addingPercentEncoding(
                    withAllowedCharacters: CharacterSet.alphanumerics.union(CharacterSet(charactersIn: "-_"))) ?? ""
            return slug.isEmpty ? "https://linear.app" : "https://linear.app/\(slug)"
        }
        components.path = ""
        return components.string ?? "https://linear.app"
    }

    /// Requests and retries so far.
    public var metrics: RequestMetrics { client.metrics }
    /// What held the pace back so far.
    public func pacing() async -> AdaptiveConcurrency.Summary? { await client.pacing }

    /// Times the connection waited for a rate-limit reset.
    public var rateLimitWaits: Int { state.withLock { $0.rateLimitWaits } }

    // MARK: GraphQL

    /// Runs `query` with `variables` and returns its `data`; GraphQL errors become `ProviderError`s
    /// with Linear's messages; rate limits are waited out (at most `maxAttempts` times, each wait
    /// bounded by `maxRateLimitWait`).
    func graphQL(_ query: String, variables: [String: JSONValue] = [:], context: String) async throws -> JSONValue {
        let body = JSONWriter().data(["query": .string(query), "variables": .object(variables)])
        let request = HTTPRequest(
            method: "POST", url: endpoint, headers: ["Content-Type": "application/json"], body: body)
        var attempt = 0
        while true {
            attempt += 1
            let answer: JSONValue
            let headers: [String: String]
            let status: Int
            do {
                let (response, json) = try await client.sendJSON(request)
                answer = json
                headers = response.headers
                status = response.status
            } catch {
                guard case .status(let code, let errorBody, let errorHeaders, _, _) = error,
                    let json = try? JSONParser.parse(errorBody), LinearErrors.isRateLimited(LinearErrors.entries(json))
                else { throw LinearErrors.from(error, context: context).redacted(by: client.redactor) }
                answer = json
                headers = errorHeaders
                status = code
            }
            let errors = LinearErrors.entries(answer)
            if LinearErrors.isRateLimited(errors) {
                let wait = Self.rateLimitWait(headers: headers, now: Date())
                guard attempt < max(2, options.maxAttempts), wait <= Self.maxRateLimitWait else {
                    var failure = LinearErrors.from(errors, status: status, context: context)
                    if wait > Self.maxRateLimitWait {
                        failure = ProviderError(
                            provider: failure.provider, kind: .rateLimited, status: status,
                            sourceMessages: failure.sourceMessages, message: failure.message,
                            hint:
                                "Linear's budget for this key resets in \(Int(wait / 60)) min: run the same command again then (progress is kept)."
                        )
                    }
                    throw failure.redacted(by: client.redactor)
                }
                state.withLock { $0.rateLimitWaits += 1 }
                try await Task.sleep(nanoseconds: UInt64(max(0.05, wait) * 1e9))
                continue
            }
            guard errors.isEmpty else {
                throw LinearErrors.from(errors, status: status, context: context).redacted(by: client.redactor)
            }
            guard case .object? = answer["data"] else {
                throw LinearErrors.malformed(context: context, detail: "no data in the answer")
            }
            return answer["data"] ?? .null
        }
    }

    /// How long to wait before Linear's budget allows another request: `Retry-After` (seconds),
    /// else `X-RateLimit-Requests-Reset` (an epoch in milliseconds or in seconds, told by its size),
    /// else a minute.
    static func rateLimitWait(headers: [String: String], now: Date) -> Double {
        if let retry = headers["retry-after"], let seconds = RetryPolicy.parseRetryAfter(retry, now: now) {
            return seconds
        }
        for name in ["x-ratelimit-requests-reset", "x-ratelimit-complexity-reset"] {
            guard let text = headers[name], let value = Double(text) else { continue }
            let epochSeconds = value > 1e11 ? value / 1000 : value
            return max(0, epochSeconds - now.timeIntervalSince1970)
        }
        return 60
    }
}
