import Foundation
import ImportCore

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
