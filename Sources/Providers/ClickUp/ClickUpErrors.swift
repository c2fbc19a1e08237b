import Foundation
import ImportCore

/// ClickUp's failures as typed errors: its own words (`err`, with its `ECODE`) verbatim, with what
/// to do next.
enum ClickUpErrors {
    /// A failed request as ClickUp explained it.
    static func from(_ error: HTTPError, context: String) -> ProviderError {
        guard case .status(let code, let body, _, let url, _) = error else {
            return ProviderError.transport(error, provider: ClickUpProvider.id, source: "ClickUp", context: context)
        }
        let parsed = try? JSONParser.parse(body)
        var said = ClickUpAPI.errorMessages(parsed ?? .null).map { String($0.prefix(500)) }
        if said.isEmpty {
            let text = String(decoding: body.prefix(500), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            if !text.isEmpty { said = [text] }
        }
        let ecode = parsed.flatMap(ClickUpAPI.errorCode) ?? ""
        let kind: ProviderError.Kind
        let hint: String
        switch (code, ecode) {
        case (401, "OAUTH_017"):
            kind = .authentication
            hint = "ClickUp received no token: connect again with --key-stdin (a personal token, pk_…)."
        case (401, "OAUTH_019"), (401, "OAUTH_021"), (401, "OAUTH_025"), (401, "OAUTH_077"):
            kind = .authentication
            hint =
                "ClickUp does not know this token (mistyped, regenerated or revoked): copy it again from Settings → Apps → API Token and connect again with --key-stdin."
        case (401, _) where ecode.hasPrefix("OAUTH_0"):
            kind = .permission
            hint =
                "The token's account is not authorized for this Workspace: ask to be added to it, or connect with an account of that Workspace."
        case (401, _):
            kind = .authentication
            hint = "ClickUp refused the token: connect again with a personal token from Settings → Apps → API Token."
        case (403, _):
            kind = .permission
            hint =
                "The token's account cannot see this: ask for access to the list, or connect with an account that has it."
        case (404, _):
            kind = .notFound
            hint =
                "ClickUp does not know this (deleted, or not visible to the token's account): check the list with `tributary containers CONNECTION`."
        case (429, _):
            kind = .rateLimited
            hint =
                "ClickUp's per-minute limit for this token was reached after every retry (100 a minute on the smaller plans): run the same command again in a minute (progress is kept)."
        case (500..., _):
            kind = .server
            hint =
                "ClickUp failed on its side after every retry; check https://status.clickup.com and run again (progress is kept)."
        default:
            kind = .badRequest
            hint =
                "Check the connection's URL (https://api.clickup.com/api/v2) and the config's list, folder or space ids."
        }
        return ProviderError(
            provider: ClickUpProvider.id, kind: kind, status: code, sourceMessages: said,
            message: "\(context) failed (\(url))", hint: hint)
    }

    /// An answer that is not what ClickUp documents (no `tasks`, a task without an id, a page out of order).
    static func malformed(context: String, detail: String) -> ProviderError {
        .unexpectedAnswer(provider: ClickUpProvider.id, source: "ClickUp", context: context, detail: detail)
    }

    /// A listing that kept answering without moving forward: stopping beats looping.
    static func noProgress(context: String) -> ProviderError {
        .noProgress(
            provider: ClickUpProvider.id, source: "ClickUp", context: context,
            detail: "ClickUp kept sending tasks already read")
    }
}
