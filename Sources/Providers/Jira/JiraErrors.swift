import Foundation
import ImportCore

/// Turns Jira's failures into `ProviderError`s: Jira's own messages verbatim (`errorMessages`,
/// `errors`, `message`, or the text of the page) and a hint for what to do next.
enum JiraErrors {
    static let tokenPage = "https://id.atlassian.com/manage-profile/security/api-tokens"

    static func from(_ error: HTTPError, context: String) -> ProviderError {
        switch error {
        case .status(let code, let body, let headers, let url, let attempts):
            let messages = sourceMessages(body)
            return ProviderError(
                provider: JiraProvider.id, kind: ProviderError.Kind(httpStatus: code), status: code,
                sourceMessages: messages,
                message: "\(context) failed (\(url))\(attempts > 1 ? " after \(attempts) attempts" : "")",
                hint: hint(code, messages: messages, headers: headers))
        default:
            return ProviderError.transport(error, provider: JiraProvider.id, source: "Jira", context: context)
        }
    }

    /// An answer that is not what Jira's API documents (a list that is not a list, a missing count).
    static func malformed(context: String, detail: String) -> ProviderError {
        .unexpectedAnswer(provider: JiraProvider.id, source: "Jira", context: context, detail: detail)
    }

    /// Pages that do not move forward (an empty page that promises more, a token Jira sent before,
    /// an offset page served again): the import stops instead of looping.
    static func noProgress(context: String, detail: String) -> ProviderError {
        .noProgress(provider: JiraProvider.id, source: "Jira", context: context, detail: detail)
    }

    /// The error Jira implies when it answers a data request anonymously (`X-Seraph-LoginReason:
    /// AUTHENTICATED_FAILED` on a 2xx): the token was not accepted, most often because it expired.
    static func anonymousAnswer(context: String) -> ProviderError {
        ProviderError(
            provider: JiraProvider.id, kind: .authentication, status: 200,
            sourceMessages: ["X-Seraph-LoginReason: AUTHENTICATED_FAILED"],
            message: "\(context): Jira answered anonymously, so the API token was not accepted",
            hint:
                "The token has most likely expired (Atlassian API tokens last at most one year) or was revoked: create a new one at \(tokenPage) and run `tributary rotate NAME`."
        )
    }

    static func hint(_ code: Int, messages: [String], headers: [String: String]) -> String {
        let text = messages.joined(separator: " ").lowercased()
        switch code {
        case 401:
            if text.contains("scope") {
                return
                    "The scoped API token lacks a scope: recreate it with read:me, read:jira-work and read:jira-user (read:jira-software for sprints), or use an unscoped token."
            }
            return
                "Jira rejected the credentials: the email or API token is wrong, or the token expired (they last at most one year; create one at \(tokenPage)). A scoped token also needs read:me. On Data Center, connect with a personal access token (--pat-stdin)."
        case 403:
            return
                "The account lacks the Browse Projects permission on this project: ask a Jira admin to add it to the project's permission scheme, or import another project."
        case 404:
            return
                "Check the site URL (e.g. https://yourcompany.atlassian.net, without a path); the project or issue may also be invisible to this account."
        case 410:
            return "Jira removed this API; this version of Tributary should not call it. Please report it."
        case 400:
            if text.contains("jql") || text.contains("does not exist for the field") || text.contains("unbounded") {
                return
                    "Fix the JQL or the project keys in the run config (source.jql, source.projects); `tributary containers NAME` lists the projects this account can see."
            }
            return "Jira refused the request as invalid; check the run config."
        case 429:
            let wait = headers["retry-after"].map { " (Jira asked to wait \($0) s)" } ?? ""
            return
                "Jira kept rate limiting the import\(wait): lower source.requestsPerSecond in the run config or run again later (progress is kept)."
        default:
            return code >= 500
                ? "Jira failed on its side after every retry; check https://jira-software.status.atlassian.com and run again (progress is kept)."
                : "Unexpected answer from Jira."
        }
    }

    /// Jira's own messages from an error body: `errorMessages`, `errors` (as `field: message`),
    /// `message`, or the text of a plain/HTML page.
    static func sourceMessages(_ body: Data) -> [String] {
        if let json = try? JSONParser.parse(body) {
            var messages: [String] = []
            for message in json["errorMessages"]?.arrayValue ?? [] {
                if let text = message.stringValue, !text.isEmpty { messages.append(text) }
            }
            for (field, message) in (json["errors"]?.objectValue ?? [:]).sorted(by: { $0.key < $1.key }) {
                messages.append("\(field): \(message.scalarText ?? message.jsonText)")
            }
            if let message = json["message"]?.stringValue, !message.isEmpty { messages.append(message) }
            if messages.isEmpty, let text = json.stringValue { messages.append(text) }
            if !messages.isEmpty { return messages }
        }
        let text = String(decoding: body.prefix(2000), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        if text.isEmpty { return [] }
        if text.lowercased().contains("<html") {
            if let start = text.range(of: "<title>", options: .caseInsensitive),
                let end = text.range(of: "</title>", options: .caseInsensitive, range: start.upperBound..<text.endIndex)
            {
                return [String(text[start.upperBound..<end.lowerBound]).trimmingCharacters(in: .whitespacesAndNewlines)]
            }
            return []
        }
        return [String(text.prefix(500))]
    }
}
