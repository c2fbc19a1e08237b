extension ProviderError {
    /// The `ProviderError` of an HTTP failure that is the same for every source: no answer, an
    /// unreadable or oversized one, a refused URL or redirect. A provider reads a `.status` answer's
    /// body in its own words first; what it leaves gets the status's kind here. `source` names the
    /// service in messages (`Jira`, `Linear`).
    public static func transport(_ error: HTTPError, provider: String, source: String, context: String)
        -> ProviderError
    {
        switch error {
        case .status(let code, _, _, let url, _):
            return ProviderError(
                provider: provider, kind: Kind(httpStatus: code), status: code,
                message: "\(context) failed (\(url)): HTTP \(code)",
                hint: "\(source) refused the request; check the connection and the run config, then run again.")
        case .transport(let message, let url, let attempts):
            return ProviderError(
                provider: provider, kind: .transport,
                message:
                    "\(context): no answer from \(url) after \(attempts) attempt\(attempts == 1 ? "" : "s") (\(message))",
                hint: "Check the URL and your network; Tributary retried with backoff before giving up.")
        case .invalidBody(let message, let url, let attempts):
            return ProviderError(
                provider: provider, kind: .invalidResponse,
                message: "\(context): unreadable answer from \(url) after \(attempts) attempts (\(message))",
                hint: "\(source) sent a truncated or malformed body; run the command again (progress is kept).")
        case .deadlineExceeded(let url, let seconds):
            return ProviderError(
                provider: provider, kind: .transport,
                message: "\(context): no answer from \(url) within \(Int(seconds)) s",
                hint: "\(source) is slow or unreachable; run the command again later (progress is kept).")
        case .policy(let policy):
            return ProviderError(provider: provider, kind: .configuration, message: policy.message, hint: policy.hint)
        case .redirectRefused(let from, let to, let reason):
            return ProviderError(
                provider: provider, kind: .transport,
                message: "\(context): \(from) redirected to \(to), which was not followed (\(reason))",
                hint:
                    "Tributary follows redirects only within the site it connected to, and never sends the token elsewhere. If the service has moved, connect again with its new URL; if no move is expected, something between you and \(source) is redirecting the traffic."
            )
        case .tooLarge(let url, let limit):
            return ProviderError(
                provider: provider, kind: .tooLarge,
                message:
                    "\(context): the answer from \(url) is larger than \(HTTPError.describeSize(limit)), the limit for one answer; the transfer was stopped",
                hint:
                    "Lower source.pageSize in the run config, or raise source.maxResponseMegabytes if \(source) really sends answers this large."
            )
        }
    }
}
