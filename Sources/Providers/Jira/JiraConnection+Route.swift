import Foundation
import ImportCore

extension JiraConnection {
    /// The API route, detected on first use: Data Center for personal access tokens or when
    /// `serverInfo` says so; Cloud otherwise, through the gateway when the site refuses the token
    /// but the gateway (for the site's cloud id) accepts it.
    func resolveRoute() async throws -> JiraRoute {
        if let route = state.withLock({ $0.route }) { return route }
        let route = try await detectRoute()
        state.withLock { $0.route = route }
        return route
    }

    func detectRoute() async throws -> JiraRoute {
        if credentials.kind == .personalAccessToken {
            return JiraRoute(deployment: .dataCenter, apiBase: site, apiVersion: 2, viaGateway: false, cloudID: nil)
        }
        let infoURL = try route(site, "/rest/api/2/serverInfo")
        let deployment: JiraRoute.Deployment
        do {
            let (_, info) = try await client.sendJSON(HTTPRequest(url: infoURL), authenticate: false)
            deployment = info["deploymentType"]?.stringValue?.lowercased() == "cloud" ? .cloud : .dataCenter
        } catch {
            if case .status(let code, let body, let headers, let url, _) = error, code == 404 {
                throw ProviderError(
                    provider: JiraProvider.id, kind: .notFound, status: 404,
                    sourceMessages: JiraErrors.sourceMessages(body),
                    message: "no Jira site answers at \(url)",
                    hint: JiraErrors.hint(404, messages: [], headers: headers)
                ).redacted(by: client.redactor)
            }
            throw JiraErrors.from(error, context: "reading the site's serverInfo").redacted(by: client.redactor)
        }
        let siteRoute = JiraRoute(
            deployment: deployment, apiBase: site, apiVersion: deployment == .cloud ? 3 : 2, viaGateway: false,
            cloudID: nil)
        guard deployment == .cloud else { return siteRoute }
        // Scoped tokens are refused by the site itself: try the gateway before reporting the refusal.
        let probe = HTTPRequest(url: try siteRoute.url("myself"))
        do {
            let response = try await client.send(probe)
            if !Self.answeredAnonymously(response) { return siteRoute }
        } catch {
            guard error.statusCode == 401 else { return siteRoute }
        }
        guard let gateway, let cloudID = try? await tenantCloudID() else { return siteRoute }
        let gatewayRoute = JiraRoute(
            deployment: .cloud, apiBase: "\(gateway)/ex/jira/\(JiraRoute.segment(cloudID))", apiVersion: 3,
            viaGateway: true, cloudID: cloudID)
        let gatewayProbe = HTTPRequest(url: try gatewayRoute.url("myself"))
        do {
            _ = try await client.send(gatewayProbe)
            return gatewayRoute
        } catch {
            // A scoped token without read:me reaches data but not /myself: keep the gateway route,
            // so verify() reports Jira's own "scope" message with the right hint.
            if case .status(let code, let body, _, _, _) = error, code == 401,
                JiraErrors.sourceMessages(body).joined().lowercased().contains("scope")
            {
                return gatewayRoute
            }
            return siteRoute
        }
    }

    /// Cloud: the site's cloud id, which stays when the site is renamed; Data Center: the site URL.
    public func sourceInstance() async throws -> String {
        let route = try await resolveRoute()
        guard route.deployment == .cloud else { return site }
        if let known = route.cloudID ?? state.withLock({ $0.cloudID }) { return known }
        let id = try await tenantCloudID()
        state.withLock { $0.cloudID = id }
        return id
    }

    /// The site's cloud id from `/_edge/tenant_info` (unauthenticated): letters, digits and dashes.
    func tenantCloudID() async throws -> String {
        let info: JSONValue
        let url = try route(site, "/_edge/tenant_info")
        do {
            (_, info) = try await client.sendJSON(HTTPRequest(url: url), authenticate: false)
        } catch {
            throw JiraErrors.from(error, context: "reading the site's cloud id").redacted(by: client.redactor)
        }
        guard let id = info["cloudId"]?.stringValue, !id.isEmpty, id.count <= 100,
            id.unicodeScalars.allSatisfy({ ($0.isASCII && CharacterSet.alphanumerics.contains($0)) || $0 == "-" })
        else {
            throw JiraErrors.malformed(
                context: "reading the site's cloud id", detail: "tenant_info has no usable cloudId")
        }
        return id
    }

    /// `base` followed by `path`; an error instead of a trap if that is no URL.
    func route(_ base: String, _ path: String) throws(ProviderError) -> URL {
        guard let url = URL(string: base + path) else {
            throw ProviderError(
                provider: JiraProvider.id, kind: .configuration, message: "\(base)\(path) is not a URL",
                hint: "Check the connection's site URL.")
        }
        return url
    }

    /// Atlassian's gateway for a site on Atlassian's cloud domains (`*.atlassian.net`, `*.jira.com`);
    /// `nil` for any other host, whose tokens must not travel to Atlassian (`--gateway-url` sets one).
    static func defaultGateway(for site: URL) -> String? {
        guard let host = site.host?.lowercased() else { return nil }
        let atlassian = [".atlassian.net", ".jira.com"].contains { host.hasSuffix($0) }
        return atlassian ? "https://api.atlassian.com" : nil
    }
}
