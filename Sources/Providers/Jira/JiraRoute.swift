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

    func url(_ path: String, query: [(String, String)] = []) -> URL {
        var components = URLComponents(string: "\(apiBase)/rest/api/\(apiVersion)/\(path)")!
        if !query.isEmpty { components.queryItems = query.map { URLQueryItem(name: $0.0, value: $0.1) } }
        // JQL and tokens may hold "+" which URLComponents leaves as is; Jira reads it as a space.
        components.percentEncodedQuery = components.percentEncodedQuery?.replacingOccurrences(of: "+", with: "%2B")
        return components.url!
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

    static func from(settings: [String: String], site: String, gateway: String) -> JiraRoute? {
        guard let deploymentText = settings["deployment"], let deployment = Deployment(rawValue: deploymentText),
            let version = settings["apiVersion"].flatMap(Int.init)
        else { return nil }
        if settings["route"] == "gateway" {
            guard let cloudID = settings["cloudId"] else { return nil }
            return JiraRoute(
                deployment: deployment, apiBase: "\(gateway)/ex/jira/\(cloudID)", apiVersion: version, viaGateway: true,
                cloudID: cloudID)
        }
        return JiraRoute(
            deployment: deployment, apiBase: site, apiVersion: version, viaGateway: false, cloudID: settings["cloudId"])
    }
}
