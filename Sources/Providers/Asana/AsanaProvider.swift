import Foundation
import ImportCore

/// Asana: registered with its auth, requests, pagination and mapping table; the HTTP part is a stub.
public struct AsanaProvider: Provider {
    /// The provider's id in configs and connections.
    public static let id = "asana"
    /// Asana's REST base.
    public static let baseURL = "https://app.asana.com/api/1.0"

    /// The provider.
    public init() {}

    /// What Asana offers and how it authenticates.
    public var descriptor: ProviderDescriptor {
        ProviderDescriptor(
            id: Self.id, displayName: "Asana", authKinds: [.personalAccessToken], defaultBaseURL: Self.baseURL,
            verifyEndpoint: "GET /users/me", pagination: "offset tokens: limit + offset from next_page.offset",
            containerNoun: "project",
            readiness: .stub(
                works: ["registration", "Bearer auth", "request building", "page parsing", "mapping table"],
                missing: ["HTTP fetching (tasks, subtasks, stories, attachments)", "sandbox"]))
    }

    /// A connection with `settings`.
    public func connect(_ settings: ConnectionSettings) throws -> any ProviderConnection {
        guard settings.credentials.kind == .personalAccessToken else {
            throw ProviderError(
                provider: Self.id, kind: .configuration, message: "Asana takes a personal access token (Bearer)",
                hint: "Create one in Asana under My settings → Apps → Developer apps, and connect with --pat-stdin.")
        }
        return StubConnection(provider: Self.id, siteURL: "https://app.asana.com")
    }
}

/// The Asana REST requests and response shapes the provider is built on (developers.asana.com).
public enum AsanaAPI {
    /// Fields a task request asks for, so one request carries what the mapping reads.
    public static let taskFields = [
        "gid", "name", "notes", "html_notes", "completed", "completed_at", "modified_at", "created_at", "due_on",
        "due_at",
        "assignee.name", "assignee.email", "parent.gid", "permalink_url", "tags.name", "memberships.project.gid",
        "memberships.section.name", "custom_fields.name", "custom_fields.display_value", "custom_fields.number_value",
        "resource_subtype",
    ]

    /// `GET /users/me` with the token as Bearer.
    public static func verifyRequest(_ credentials: Credentials, base: String = AsanaProvider.baseURL) -> HTTPRequest {
        HTTPRequest(
            url: URL(string: "\(base)/users/me")!,
            headers: ["Authorization": credentials.authorizationHeader(), "Accept": "application/json"])
    }

    /// `GET /projects/{gid}/tasks?limit=&offset=&opt_fields=`.
    public static func tasksRequest(
        project: String, offset: String?, limit: Int = 100, base: String = AsanaProvider.baseURL
    ) -> HTTPRequest {
        var components = URLComponents(string: "\(base)/projects/\(project)/tasks")!
        var items = [
            URLQueryItem(name: "limit", value: String(min(100, max(1, limit)))),
            URLQueryItem(name: "opt_fields", value: taskFields.joined(separator: ",")),
        ]
        if let offset { items.append(URLQueryItem(name: "offset", value: offset)) }
        components.queryItems = items
        return HTTPRequest(url: components.url!)
    }

    /// The records of a page and the offset of the next one (`nil` on the last page).
    public static func parsePage(_ body: JSONValue) -> (records: [JSONValue], nextOffset: String?) {
        let records = body["data"]?.arrayValue ?? (body["data"].map { [$0] } ?? [])
        return (records, body["next_page"]?["offset"]?.stringValue)
    }

    /// Asana's error messages (`errors[].message`).
    public static func errorMessages(_ body: JSONValue) -> [String] {
        (body["errors"]?.arrayValue ?? []).compactMap { $0["message"]?.stringValue }
    }
}
