import Foundation
import ImportCore

/// Turns Linear's failures into `ProviderError`s. Linear reports most failures as GraphQL errors
/// (`errors[].message` and `extensions.type`/`code`), with HTTP 400 or even 200; the SDK's
/// classification (`packages/sdk/src/error.ts`) decides the kind, and the message is kept verbatim.
enum LinearErrors {
    static let keyPage = "Linear → Settings → Security & access → Personal API keys"

    /// One GraphQL error as Linear sends it.
    struct Entry: Sendable {
        let message: String
        let code: String?
        let type: String?
        let userPresentableMessage: String?
    }

    /// The GraphQL errors of an answer (`errors[]`), if any.
    static func entries(_ body: JSONValue?) -> [Entry] {
        (body?["errors"]?.arrayValue ?? []).map { error in
            Entry(
                message: error["message"]?.stringValue ?? error.jsonText,
                code: error["extensions"]?["code"]?.stringValue, type: error["extensions"]?["type"]?.stringValue,
                userPresentableMessage: error["extensions"]?["userPresentableMessage"]?.stringValue)
        }
    }

    /// Whether the errors say the request was rate limited (`RATELIMITED`, or the message, whatever
    /// the HTTP status: Linear answers 400, and has been seen answering 200).
    static func isRateLimited(_ entries: [Entry]) -> Bool {
        entries.contains { entry in
            entry.code == "RATELIMITED" || entry.type == "ratelimited"
                || entry.message.lowercased().hasPrefix("rate limit exceeded")
        }
    }

    /// The `ProviderError` for GraphQL errors (HTTP `status`) met while doing `context`.
    static func from(_ entries: [Entry], status: Int?, context: String) -> ProviderError {
        let messages = entries.map { entry in
            entry.userPresentableMessage.map { $0 == entry.message ? $0 : "\(entry.message) (\($0))" } ?? entry.message
        }
        let text = entries.map { "\($0.message) \($0.type ?? "") \($0.code ?? "")" }.joined(separator: " ").lowercased()
        let kind: ProviderError.Kind
        let hint: String
        if text.contains("bearer") || text.contains("authentication") || text.contains("not authenticated")
            || status == 401
        {
            kind = .authentication
            hint =
                text.contains("bearer")
                ? "Send a personal API key as it is, without \"Bearer \": connect with --key-stdin (an OAuth token goes with --pat-stdin)."
                : "Linear refused the key: it is wrong, revoked or restricted to other teams; create one under \(keyPage) and run `tributary rotate NAME --key-stdin`."
        } else if text.contains("forbidden") || status == 403 {
            kind = .permission
            hint = "The key may not read this: check its permissions and team access under \(keyPage)."
        } else if isRateLimited(entries) {
            kind = .rateLimited
            hint =
                "Linear kept rate limiting the import after waiting for its reset: run again later (progress is kept), or lower source.requestsPerSecond."
        } else if text.contains("entity not found") || text.contains("could not find") {
            kind = .notFound
            hint =
                "Check the team keys in the run config; `tributary containers NAME` lists the teams this key can see."
        } else if text.contains("graphql_validation_failed") || text.contains("graphql_parse_failed")
            || text.contains("cannot query field") || text.contains("not defined by type")
        {
            kind = .badRequest
            hint =
                "Linear refused the query Tributary built: a mapping table path names a field Linear issues do not have, or the filter in the config is not a valid IssueFilter. Check them, or report it."
        } else if text.contains("too complex") {
            kind = .badRequest
            hint = "Lower source.pageSize in the run config: Linear limits the complexity of one query."
        } else {
            kind = (status ?? 400) >= 500 ? .server : .badRequest
            hint = "Linear refused the request; check the run config, or run again later (progress is kept)."
        }
        return ProviderError(
            provider: LinearProvider.id, kind: kind, status: status, sourceMessages: messages,
            message: "\(context) failed", hint: hint)
    }

    /// The `ProviderError` of an HTTP failure while doing `context`.
    static func from(_ error: HTTPError, context: String) -> ProviderError {
        if case .status(let code, let body, _, let url, _) = error {
            let entries = entries(try? JSONParser.parse(body))
            if !entries.isEmpty { return from(entries, status: code, context: "\(context) (\(url))") }
            let text = String(decoding: body.prefix(500), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            return ProviderError(
                provider: LinearProvider.id,
                kind: code == 401 ? .authentication : code == 403 ? .permission : code >= 500 ? .server : .badRequest,
                status: code, sourceMessages: text.isEmpty ? [] : [text], message: "\(context) failed (\(url))",
                hint: code >= 500
                    ? "Linear failed on its side after every retry; check https://linearstatus.com and run again (progress is kept)."
                    : "Check the connection's URL (https://api.linear.app/graphql) and key.")
        }
        return ProviderError.transport(error, provider: LinearProvider.id, source: "Linear", context: context)
    }

    /// A paged connection that handed back a cursor it had sent before: stopping beats looping.
    static func noProgress(context: String) -> ProviderError {
        .noProgress(
            provider: LinearProvider.id, source: "Linear", context: context,
            detail: "Linear sent a page cursor it had sent before")
    }

    /// An answer that is not what Linear's schema says (no `data`, a connection without `nodes`).
    static func malformed(context: String, detail: String) -> ProviderError {
        .unexpectedAnswer(provider: LinearProvider.id, source: "Linear", context: context, detail: detail)
    }
}
