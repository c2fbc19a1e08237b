import Foundation
import ImportCore

/// Jira Cloud (REST v3) and Jira Data Center (REST v2): the first full provider.
public struct JiraProvider: Provider {
    /// The provider's id in configs and connections.
    public static let id = "jira"

    /// The provider.
    public init() {}

    /// What Jira offers and how it authenticates.
    public var descriptor: ProviderDescriptor {
        ProviderDescriptor(
            id: Self.id, displayName: "Jira", authKinds: [.emailToken, .personalAccessToken], defaultBaseURL: nil,
            verifyEndpoint: "GET /rest/api/3/myself (v2 on Data Center)",
            pagination:
                "enhanced search POST /rest/api/3/search/jql with nextPageToken (Data Center: /rest/api/2/search with startAt), resumable by (updated, id)",
            containerNoun: "project", readiness: .ready, maxConcurrentRequests: 16)
    }

    /// A connection with `settings` (no I/O until the first call).
    public func connect(_ settings: ConnectionSettings) throws -> any ProviderConnection {
        guard descriptor.authKinds.contains(settings.credentials.kind) else {
            throw ProviderError(
                provider: Self.id, kind: .configuration,
                message: "Jira does not accept \(settings.credentials.kind.humanName) credentials",
                hint: "Use an email + API token (Jira Cloud) or a personal access token (Data Center).")
        }
        return JiraConnection(settings: settings)
    }

    /// Refuses a JQL filter that could escape its parentheses (see `JQLFilter`).
    public func validate(_ query: RecordQuery) throws {
        _ = try query.filter.flatMap(JQLFilter.clause)
    }

    /// A Jira site URL in its one normal form: browse links, board links and API paths pasted by
    /// users are cut back to the site (a Data Center context path such as `/jira` is kept).
    public static func siteURL(_ raw: String) throws(URLPolicyError) -> String {
        let url = try URLPolicy.normalizedBaseURL(raw)
        var text = url.absoluteString
        for marker in [
            "/browse/", "/rest/", "/secure/", "/jira/software/", "/jira/core/", "/jira/servicedesk/", "/projects/",
            "/issues/", "/plugins/servlet/", "/login.jsp", "/jira/your-work", "/jira/for-you", "/jira/dashboards",
        ] {
            if let range = text.range(of: marker) { text = String(text[..<range.lowerBound]) }
        }
        for suffix in ["/jira", "/browse", "/rest", "/secure"]
        where text.hasSuffix(suffix) && text.contains(".atlassian.net") {
            text = String(text.dropLast(suffix.count))
        }
        while text.hasSuffix("/") { text.removeLast() }
        return text
    }
}
