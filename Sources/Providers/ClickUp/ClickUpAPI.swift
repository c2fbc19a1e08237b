import Foundation
import ImportCore

/// The ClickUp REST v2 requests and response shapes the provider is built on (developer.clickup.com).
public enum ClickUpAPI {
    /// `GET /user` with the token as the whole Authorization header.
    public static func verifyRequest(_ credentials: Credentials, base: String = ClickUpProvider.baseURL) -> HTTPRequest
    {
        HTTPRequest(
            url: URL(string: "\(base)/user") ?? URL(fileURLWithPath: "/"),
            headers: ["Authorization": credentials.authorizationHeader()])
    }

    /// ClickUp serves 100 tasks a page whatever the query asks.
    public static let pageSize = 100
    /// ClickUp returns 25 comments a call, newest first.
    public static let commentPageSize = 25

    /// The tasks of a page and the next page number (`nil` after the last: `last_page`, or a short
    /// page when an answer has no `last_page`, as older ones and the Workspace listing have none).
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

    /// ClickUp's error code (`ECODE`) of an error body, if any.
    public static func errorCode(_ body: JSONValue) -> String? { body["ECODE"]?.stringValue }

    /// A ClickUp date (a string or number of milliseconds since 1970) as milliseconds.
    public static func milliseconds(_ value: JSONValue?) -> Int64? {
        guard let text = value?.scalarText, !text.isEmpty else { return nil }
        if let whole = Int64(text) { return whole }
        return Double(text).flatMap { $0.isFinite && abs($0) < 9e15 ? Int64($0) : nil }
    }
}
