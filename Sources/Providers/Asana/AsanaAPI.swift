import Foundation
import ImportCore

/// The Asana REST requests and response shapes the provider is built on (developers.asana.com).
public enum AsanaAPI {
    /// Fields a task request asks for when no mapping table names them.
    public static let taskFields = [
        "gid", "name", "notes", "html_notes", "completed", "completed_at", "modified_at", "created_at", "due_on",
        "due_at",
        "assignee.name", "assignee.email", "parent.gid", "permalink_url", "tags.name", "memberships.project.gid",
        "memberships.section.name", "custom_fields.name", "custom_fields.display_value", "custom_fields.number_value",
        "resource_subtype",
    ]

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
