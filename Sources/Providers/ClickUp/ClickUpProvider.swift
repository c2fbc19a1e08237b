import Foundation
import ImportCore

/// ClickUp: registered with its auth, requests, pagination and mapping table; the HTTP part is a stub.
public struct ClickUpProvider: Provider {
    /// The provider's id in configs and connections.
    public static let id = "clickup"
    /// ClickUp's REST base.
    public static let baseURL = "https://api.clickup.com/api/v2"

    /// The provider.
    public init() {}

    /// What ClickUp offers and how it authenticates.
    public var descriptor: ProviderDescriptor {
        ProviderDescriptor(
            id: Self.id, displayName: "ClickUp", authKinds: [.apiKey], defaultBaseURL: Self.baseURL,
            verifyEndpoint: "GET /api/v2/user", pagination: "page numbers: page=0,1,… until last_page is true",
            containerNoun: "list",
            readiness: .stub(
                works: [
                    "registration", "personal token auth (pk_…)", "request building", "page parsing", "mapping table",
                ],
                missing: ["HTTP fetching (tasks, comments)", "sandbox"]))
    }

    /// A connection with `settings`.
    public func connect(_ settings: ConnectionSettings) throws -> any ProviderConnection {
        guard settings.credentials.kind == .apiKey else {
            throw ProviderError(
                provider: Self.id, kind: .configuration,
                message: "ClickUp takes a personal API token (pk_…) as the Authorization header",
                hint: "Create one in ClickUp under Settings → Apps → API Token.")
        }
        if !settings.credentials.secret.reveal().hasPrefix("pk_") {
            throw ProviderError(
                provider: Self.id, kind: .configuration, message: "a ClickUp personal token starts with \"pk_\"",
                hint: "Copy the token from Settings → Apps → API Token.")
        }
        return StubConnection(provider: Self.id, siteURL: "https://app.clickup.com")
    }
}

/// The ClickUp REST v2 requests and response shapes the provider is built on (developer.clickup.com).
public enum ClickUpAPI {
    /// `GET /user` with the token as the whole Authorization header.
    public static func verifyRequest(_ credentials: Credentials, base: String = ClickUpProvider.baseURL) -> HTTPRequest
    {
        HTTPRequest(url: URL(string: "\(base)/user")!, headers: ["Authorization": credentials.authorizationHeader()])
    }

    /// `GET /list/{id}/task?page=N&subtasks=true&include_closed=true&order_by=updated&reverse=true`.
    public static func tasksRequest(list: String, page: Int, base: String = ClickUpProvider.baseURL) -> HTTPRequest {
        var components = URLComponents(string: "\(base)/list/\(list)/task")!
        components.queryItems = [
            URLQueryItem(name: "page", value: String(page)), URLQueryItem(name: "subtasks", value: "true"),
            URLQueryItem(name: "include_closed", value: "true"), URLQueryItem(name: "order_by", value: "updated"),
        ]
        return HTTPRequest(url: components.url!)
    }

    /// ClickUp serves 100 tasks a page.
    public static let pageSize = 100

    /// The tasks of a page and the next page number (`nil` after the last: `last_page`, or a short page
    /// when an older API answer has no `last_page`).
    public static func parsePage(_ body: JSONValue, page: Int) -> (records: [JSONValue], nextPage: Int?) {
        let records = body["tasks"]?.arrayValue ?? []
        if let last = body["last_page"]?.boolValue { return (records, last ? nil : page + 1) }
        return (records, records.count < pageSize ? nil : page + 1)
    }

    /// ClickUp's error body: `{"err": "Token invalid", "ECODE": "OAUTH_025"}`.
    public static func errorMessages(_ body: JSONValue) -> [String] {
        guard let message = body["err"]?.stringValue else { return [] }
        return [body["ECODE"]?.stringValue.map { "\(message) (\($0))" } ?? message]
    }
}
