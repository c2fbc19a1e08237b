import Foundation
import ImportCore

/// A connection to Asana with one personal access token (sent as `Bearer`). Its parts live beside
/// it: the account and the projects (`+Account`), the task listing (`+Tasks`), what a listing leaves
/// out (`+Children`: stories, attachments, subtasks), delete reconciliation (`+Reconciliation`),
/// people (`+ReferenceData`) and attachment content (`+Attachments`).
public final class AsanaConnection: ProviderConnection {
    /// The API's base (`https://app.asana.com/api/1.0`, or a sandbox's).
    let base: URL
    let client: HTTPClient
    let options: ConnectionOptions

    /// Records a collection page asks for: the most Asana allows.
    static let pageLimit = 100
    /// Pages of one collection before it is declared endless.
    static let maxPages = 10_000

    init(settings: ConnectionSettings) {
        base = settings.baseURL
        options = settings.options
        client = HTTPClient(credentials: settings.credentials, options: settings.options, logger: settings.requestLog)
    }

    /// Where a person opens Asana: the app for the hosted API, the sandbox's own address.
    public var siteURL: String {
        guard base.host != "app.asana.com", var components = URLComponents(url: base, resolvingAgainstBaseURL: false)
        else { return "https://app.asana.com" }
        components.path = ""
        return components.string ?? "https://app.asana.com"
    }

    /// Requests and retries so far.
    public var metrics: RequestMetrics { client.metrics }
    /// What held the pace back so far.
    public func pacing() async -> AdaptiveConcurrency.Summary? { await client.pacing }

    /// `GET base/path?query` and its JSON; Asana's refusals become `ProviderError`s in its words.
    func get(_ path: String, query: [(String, String)] = [], context: String) async throws -> JSONValue {
        try await getWithHeaders(path, query: query, context: context).json
    }

    /// `get`, with the answer's headers (lower-case names).
    func getWithHeaders(_ path: String, query: [(String, String)] = [], context: String) async throws -> (
        json: JSONValue, headers: [String: String]
    ) {
        var components = URLComponents(url: base.appendingPathComponent(path), resolvingAgainstBaseURL: false)
        if !query.isEmpty { components?.queryItems = query.map { URLQueryItem(name: $0.0, value: $0.1) } }
        guard let url = components?.url else {
            throw ProviderError(
                provider: AsanaProvider.id, kind: .configuration, message: "\(context): no URL for \(path)",
                hint: "Check the connection's URL (https://app.asana.com/api/1.0).")
        }
        do {
            let (response, json) = try await client.sendJSON(HTTPRequest(method: "GET", url: url))
            return (json, response.headers)
        } catch {
            throw AsanaErrors.from(error, context: context).redacted(by: client.redactor)
        }
    }

    /// Reads a collection to its last page (`limit` 100, `next_page.offset`), handing each record to
    /// `body`. An offset sent twice, or more pages than any collection has, stops with an error.
    func forEachRecord(
        _ path: String, query: [(String, String)] = [], context: String, body: (JSONValue) throws -> Void
    ) async throws {
        var offset: String?
        var seen = Set<String>()
        for _ in 0..<Self.maxPages {
            var parameters = query + [("limit", String(Self.pageLimit))]
            if let offset { parameters.append(("offset", offset)) }
            let page = try await get(path, query: parameters, context: context)
            guard let records = page["data"]?.arrayValue else {
                throw AsanaErrors.malformed(context: context, detail: "a page without data")
            }
            for record in records { try body(record) }
            guard let next = page["next_page"]?["offset"]?.stringValue else { return }
            guard seen.insert(next).inserted else { throw AsanaErrors.noProgress(context: context) }
            offset = next
        }
        throw AsanaErrors.noProgress(context: context)
    }

    /// Which Asana this connection reads: Asana's gids are unique across all of Asana, so every
    /// token on the hosted service reads one instance (`https://app.asana.com`), and two tokens
    /// reading the same task give it the same identity; a sandbox is its own instance.
    public func sourceInstance() async throws -> String { siteURL }
}
