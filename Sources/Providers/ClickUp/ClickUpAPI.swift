import Foundation
import ImportCore

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
