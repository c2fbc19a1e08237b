import Foundation
import ImportCore

/// Asana's failures as typed errors: its own words (`errors[].message`) verbatim, with what to do next.
enum AsanaErrors {
    /// The messages of an Asana error body (`{"errors": [{"message", "help"}]}`), bounded.
    static func messages(_ body: JSONValue?) -> [String] {
        AsanaAPI.errorMessages(body ?? .null).prefix(10).map { String($0.prefix(500)) }
    }

    /// A failed request as Asana explained it.
    static func from(_ error: HTTPError, context: String) -> ProviderError {
        guard case .status(let code, let body, _, let url, _) = error else {
            return ProviderError.transport(error, provider: AsanaProvider.id, source: "Asana", context: context)
        }
        var said = messages(try? JSONParser.parse(body))
        if said.isEmpty {
            let text = String(decoding: body.prefix(500), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            if !text.isEmpty { said = [text] }
        }
        let kind: ProviderError.Kind =
            switch code {
            case 401: .authentication
            case 402, 403: .permission
            case 404: .notFound
            case 429: .rateLimited
            case 500...: .server
            default: .badRequest
            }
        let hint =
            switch code {
            case 401:
                "Asana refused the token: create a personal access token under My settings → Apps → Developer apps (or check it was not revoked) and connect again with --pat-stdin."
            case 402:
                "Asana says this needs a paid plan for the workspace; import from a project on a paid workspace or leave this part out."
            case 403:
                "The token's account cannot see this: ask for access to the workspace or project, or connect with an account that has it."
            case 404:
                "Asana does not know this object (deleted, or not visible to the token's account): check the project gid with `tributary containers`."
            case 429:
                "Asana's limit for this token was reached after every retry: run the same command again in a minute (progress is kept)."
            case 500...:
                "Asana failed on its side after every retry; check https://status.asana.com and run again (progress is kept)."
            default: "Check the connection's URL (https://app.asana.com/api/1.0) and the config's project gids."
            }
        return ProviderError(
            provider: AsanaProvider.id, kind: kind, status: code, sourceMessages: said,
            message: "\(context) failed (\(url))", hint: hint)
    }

    /// An answer that is not what Asana documents (no `data`, a record without a gid).
    static func malformed(context: String, detail: String) -> ProviderError {
        .unexpectedAnswer(provider: AsanaProvider.id, source: "Asana", context: context, detail: detail)
    }

    /// A collection that handed back an offset it had sent before: stopping beats looping.
    static func noProgress(context: String) -> ProviderError {
        .noProgress(
            provider: AsanaProvider.id, source: "Asana", context: context,
            detail: "Asana sent a page offset it had sent before")
    }
}
