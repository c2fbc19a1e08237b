extension ProviderError {
    /// An answer that is not what the source's API documents (a list that is not a list, a record
    /// without its id): the run stops instead of guessing; what was committed is kept.
    public static func unexpectedAnswer(provider: String, source: String, context: String, detail: String)
        -> ProviderError
    {
        ProviderError(
            provider: provider, kind: .invalidResponse,
            message: "\(context): unexpected answer from \(source) (\(detail))",
            hint:
                "\(source) sent an answer that is not what its API documents, so the import stopped instead of guessing; what was committed is kept and nothing was marked deleted. Run again later; if it persists, run with --verbose and report the answer."
        )
    }

    /// Pages that do not move forward (a cursor or page sent before, an empty page that promises
    /// more): the run stops instead of looping; a later run resumes from what was committed.
    public static func noProgress(provider: String, source: String, context: String, detail: String)
        -> ProviderError
    {
        ProviderError(
            provider: provider, kind: .invalidResponse, message: "\(context): no progress: \(detail)",
            hint:
                "\(source) kept answering without moving forward, so the import stopped instead of looping; what was committed is kept and a later run resumes from it. If it persists, run with --verbose and report the answers."
        )
    }
}
