import Foundation
import ImportCore

/// Where a connection's API calls go: the site itself, or Atlassian's gateway for scoped tokens
/// (`https://api.atlassian.com/ex/jira/{cloudId}`), and which REST version.
struct JiraRoute: Sendable, Hashable {
    enum Deployment: String, Sendable {
        case cloud
        case dataCenter = "data-center"
    }

    let deployment: Deployment
    /// Everything before `/rest/api/…`.
    let apiBase: String
    let apiVersion: Int
    let viaGateway: Bool
    let cloudID: String?

    /// The URL of API `path` (segments already escaped with `segment(_:)` where they come from
    /// outside) with `query`; an error instead of a trap when the site URL makes no URL of it.
    func url(_ path: String, query: [(String, String)] = []) throws(ProviderError) -> URL {
        let text = "\(apiBase)/rest/api/\(apiVersion)/\(path)"
        guard var components = URLComponents(string: text) else { throw Self.notAURL(text) }
        if !query.isEmpty { components.queryItems = query.map { URLQueryItem(name: $0.0, value: $0.1) } }
        // JQL and tokens may hold "+" which URLComponents leaves as is; Jira reads it as a space.
        components.percentEncodedQuery = components.percentEncodedQuery?.replacingOccurrences(of: "+", with: "%2B")
        guard let url = components.url else { throw Self.notAURL(text) }
        return url
    }

    /// `value` (an issue id or key from Jira's answers) as one path segment: everything but
    /// letters, digits and `-._~` escaped, so `/`, `..`, `?` or `#` in it cannot change the path.
    static func segment(_ value: String) -> String {
        var allowed = CharacterSet(charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_~")
        if value == "." || value == ".." { allowed.remove(".") } else { allowed.insert(".") }
        return value.addingPercentEncoding(withAllowedCharacters: allowed) ?? ""
    }

    private static func notAURL(_ text: String) -> ProviderError {
        ProviderError(
            provider: JiraProvider.id, kind: .configuration, message: "\(text) is not a URL",
            hint: "Check the connection's site URL (e.g. https://yourcompany.atlassian.net).")
    }

    /// What is stored with the connection so later runs skip detection.
    var settings: [String: String] {
        var values = [
            "deployment": deployment.rawValue, "apiVersion": String(apiVersion),
            "route": viaGateway ? "gateway" : "site",
        ]
        if let cloudID { values["cloudId"] = cloudID }
        return values
    }

    /// The route stored with a connection; `nil` when none is stored, or when it is the gateway route
    /// and no gateway is known for the site (detection runs again).
    static func from(settings: [String: String], site: String, gateway: String?) -> JiraRoute? {
        guard let deploymentText = settings["deployment"], let deployment = Deployment(rawValue: deploymentText),
            let version = settings["apiVersion"].flatMap(Int.init)
        else { return nil }
        if settings["route"] == "gateway" {
            guard let cloudID = settings["cloudId"], let gateway else { return nil }
            return JiraRoute(
                deployment: deployment, apiBase: "\(gateway)/ex/jira/\(segment(cloudID))", apiVersion: version,
                viaGateway: true,
                cloudID: cloudID)
        }
        return JiraRoute(
            deployment: deployment, apiBase: site, apiVersion: version, viaGateway: false, cloudID: settings["cloudId"])
    }
}
