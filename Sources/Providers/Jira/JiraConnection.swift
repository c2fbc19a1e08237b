import Foundation
import ImportCore
import Synchronization

/// A connection to one Jira site as one account. Detects Cloud or Data Center (`serverInfo`),
/// and for Cloud tokens refused by the site, the scoped-token route through Atlassian's gateway.
/// Its parts live beside it: the route (`+Route`), the account (`+Account`), the search
/// (`+Search`), the children a search leaves out (`+Children`), delete reconciliation
/// (`+Reconciliation`) and reference data (`+ReferenceData`).
public final class JiraConnection: ProviderConnection {
    let site: String
    /// Atlassian's gateway for scoped tokens; `nil` for a site that is not on Atlassian's cloud
    /// domains (a sandbox, a Data Center): a token is never sent to a host its site is not on.
    let gateway: String?
    let client: HTTPClient
    let credentials: Credentials
    let options: ConnectionOptions

    struct State {
        var route: JiraRoute?
        var timeZone: String?
        var fields: [SourceField]?
        var cloudID: String?
        /// The ids a bulk run listed and has not handed out yet.
        var idWindow: JiraIDWindow?
        /// Whether this connection's run fetches in bulk (decided on its first page).
        var bulkRun = false
        /// Whether the site answered 404 for `changelog/bulkfetch`: long changelogs are read by issue.
        var noBulkChangelogs = false
        /// The last window's number: every window gets a new one, and no two connections count from the
        /// same start (a cursor stored by another run never names a window of this one).
        var windows = Int.random(in: 0..<(1 << 40))
    }

    let state: Mutex<State>

    /// Child requests (comments, worklogs) a page may have in flight at once: as many as the connection
    /// allows, since its adaptive pace bounds them all.
    var childConcurrency: Int { max(4, options.maxConcurrentRequests) }

    init(settings: ConnectionSettings) {
        site = settings.baseURL.absoluteString
        gateway = settings.options.extras["gatewayURL"] ?? Self.defaultGateway(for: settings.baseURL)
        credentials = settings.credentials
        options = settings.options
        client = HTTPClient(credentials: settings.credentials, options: settings.options, logger: settings.requestLog)
        var initial = State()
        initial.route = JiraRoute.from(settings: settings.options.extras, site: site, gateway: gateway)
        initial.timeZone = settings.options.extras["timeZone"]
        state = Mutex(initial)
    }

    /// The site the connection talks to.
    public var siteURL: String { site }
    /// Requests and retries so far.
    public var metrics: RequestMetrics { client.metrics }
    /// A bulk run fetches each page in its own requests, so more pages may be on their way at once
    /// (half the request bound: each page's children need requests too); the search chain lists one
    /// page after another and needs no more than three.
    public var pagesInFlight: Int {
        state.withLock { $0.bulkRun } ? max(3, options.maxConcurrentRequests / 2) : 3
    }
    /// What held the pace back so far.
    public func pacing() async -> AdaptiveConcurrency.Summary? { await client.pacing }

    // MARK: Requests

    /// GET or POST a JSON API path on the resolved route; maps failures to `ProviderError`.
    func call(
        _ path: String, method: String = "GET", query: [(String, String)] = [], body: JSONValue? = nil, context: String
    )
        async throws -> JSONValue
    {
        try await exchange(path, method: method, query: query, body: body, context: context).json
    }

    /// `call`, with the response's headers too (a bulk listing reads the server's `Date`).
    func exchange(
        _ path: String, method: String = "GET", query: [(String, String)] = [], body: JSONValue? = nil, context: String
    )
        async throws -> (response: HTTPResponse, json: JSONValue)
    {
        let route = try await resolveRoute()
        var request = HTTPRequest(method: method, url: try route.url(path, query: query))
        if let body {
            request.body = JSONWriter().data(body)
            request.headers["Content-Type"] = "application/json"
        }
        do {
            let (response, json) = try await client.sendJSON(request)
            if Self.answeredAnonymously(response) { throw JiraErrors.anonymousAnswer(context: context) }
            return (response, json)
        } catch let error as HTTPError {
            if let code = error.statusCode, case .status(_, _, let headers, _, _) = error, code == 400,
                Self.answeredAnonymously(headers: headers)
            {
                throw JiraErrors.anonymousAnswer(context: context)
            }
            throw JiraErrors.from(error, context: context).redacted(by: client.redactor)
        }
    }

    static func answeredAnonymously(_ response: HTTPResponse) -> Bool { answeredAnonymously(headers: response.headers) }

    static func answeredAnonymously(headers: [String: String]) -> Bool {
        let reason = headers["x-seraph-loginreason"]?.uppercased() ?? ""
        return reason.contains("AUTHENTICATED_FAILED") || reason.contains("AUTHENTICATION_DENIED")
    }
}
