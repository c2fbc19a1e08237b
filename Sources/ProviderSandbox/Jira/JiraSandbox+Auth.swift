import Foundation
import ImportCore

// Who a request is: Basic (email + API token), Bearer (PAT or scoped token), or anonymous.
extension JiraSandbox {
    enum AuthOutcome {
        case user
        case noReadMe
        case anonymous
        case rejected(SandboxResponse)
    }

    func authenticate(_ request: SandboxRequest, viaGateway: Bool, isMyself: Bool) -> AuthOutcome {
        let header = request.header("authorization") ?? ""
        let cloudRejection = SandboxResponse(
            status: 401,
            headers: [
                "Content-Type": "text/plain;charset=UTF-8", "X-Seraph-LoginReason": "AUTHENTICATED_FAILED",
                "WWW-Authenticate": "Basic realm=\"protected-area\"",
            ],
            body: Data("Client must be authenticated to access this resource.".utf8))
        let dataCenterRejection = SandboxResponse.json(
            401,
            #"{"errorMessages":["You are not authenticated. Authentication required to perform this operation."],"errors":{}}"#,
            headers: ["X-Seraph-LoginReason": "AUTHENTICATED_FAILED"])
        if header.hasPrefix("Bearer ") {
            let token = String(header.dropFirst(7))
            if config.deployment == .dataCenter && token == config.personalAccessToken { return .user }
            return .rejected(config.deployment == .cloud ? cloudRejection : dataCenterRejection)
        }
        guard header.hasPrefix("Basic "), let decoded = Data(base64Encoded: String(header.dropFirst(6))),
            let pair = String(data: decoded, encoding: .utf8), let colon = pair.firstIndex(of: ":")
        else {
            return .rejected(config.deployment == .cloud ? cloudRejection : dataCenterRejection)
        }
        let email = String(pair[..<colon])
        let token = String(pair[pair.index(after: colon)...])
        guard email.caseInsensitiveCompare(config.email) == .orderedSame else {
            return .rejected(config.deployment == .cloud ? cloudRejection : dataCenterRejection)
        }
        switch token {
        case config.apiToken: return .user
        case config.scopedToken where config.deployment == .cloud:
            return viaGateway ? .user : .rejected(cloudRejection)
        case config.scopedTokenWithoutReadMe where config.deployment == .cloud:
            return viaGateway ? .noReadMe : .rejected(cloudRejection)
        case config.expiredToken where config.deployment == .cloud:
            if isMyself {
                return .rejected(cloudRejection)
            }
            return .anonymous
        default:
            return .rejected(config.deployment == .cloud ? cloudRejection : dataCenterRejection)
        }
    }

    /// What an anonymous visitor sees: no projects, no issues.
    func anonymous(route: [String], renderer: JiraRenderer) -> SandboxResponse {
        switch route.first {
        case "project":
            return .json(200, #"{"startAt":0,"maxResults":50,"total":0,"isLast":true,"values":[]}"#)
        case "search":
            return .json(
                400,
                errorCollection([
                    "The value '\(state.withLock { $0.world.projectKeys.first ?? "" })' does not exist for the field 'project'."
                ]))
        default:
            return .json(404, errorCollection(["Issue does not exist or you do not have permission to see it."]))
        }
    }
}
