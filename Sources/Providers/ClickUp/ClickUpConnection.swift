import Foundation
import ImportCore
import Synchronization

/// A connection to ClickUp with one token: a personal token (`pk_…`) as the whole Authorization
/// header, or an OAuth access token as Bearer. Its parts live beside it: the account and the
/// hierarchy (`+Account`, `+Containers`), the keyset reading of a list (`+Listing`), the task pages
/// (`+Tasks`), what a listing leaves out (`+Children`: the task's detail, comments with their
/// threaded replies, time entries), delete reconciliation (`+Reconciliation`), people
/// (`+ReferenceData`) and attachment content (`+Attachments`).
public final class ClickUpConnection: ProviderConnection {
    /// The API's base (`https://api.clickup.com/api/v2`, or a sandbox's).
    let base: URL
    let client: HTTPClient
    let options: ConnectionOptions
    /// The lists each container reference named, read once per connection (`folder:…` → its lists).
    let expansions = Mutex<[String: [String]]>([:])
    /// The token's user id, read once (for `assignedToMe`).
    let userID = Mutex<String?>(nil)

    init(settings: ConnectionSettings) {
        base = settings.baseURL
        options = settings.options
        client = HTTPClient(credentials: settings.credentials, options: settings.options, logger: settings.requestLog)
    }

    /// Where a person opens ClickUp: the app for the hosted API, the sandbox's own address.
    public var siteURL: String {
        guard base.host != "api.clickup.com", var components = URLComponents(url: base, resolvingAgainstBaseURL: false)
        else { return "https://app.clickup.com" }
        components.path = ""
        return components.string ?? "https://app.clickup.com"
    }

    /// Requests and retries so far.
    public var metrics: RequestMetrics { client.metrics }
    /// What held the pace back so far.
    public func pacing() async -> AdaptiveConcurrency.Summary? { await client.pacing }

    /// Which ClickUp this connection reads: task ids are unique across all of ClickUp, so every
    /// token on the hosted service reads one instance (`https://app.clickup.com`); a sandbox is its own.
    public func sourceInstance() async throws -> String { siteURL }

    /// `GET base/path?query` and its JSON; ClickUp's refusals become `ProviderError`s in its words.
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
                provider: ClickUpProvider.id, kind: .configuration, message: "\(context): no URL for \(path)",
                hint: "Check the connection's URL (https://api.clickup.com/api/v2).")
        }
        do {
            let (response, json) = try await client.sendJSON(HTTPRequest(method: "GET", url: url))
            return (json, response.headers)
        } catch {
            throw ClickUpErrors.from(error, context: context).redacted(by: client.redactor)
        }
    }

    /// Whether `text` is an id as ClickUp writes them in paths: letters, digits, `-` and `_`, bounded.
    static func isID(_ text: String) -> Bool {
        !text.isEmpty && text.utf8.count <= 64
            && text.utf8.allSatisfy {
                (48...57).contains($0) || (65...90).contains($0) || (97...122).contains($0) || $0 == 45 || $0 == 95
            }
    }
}
