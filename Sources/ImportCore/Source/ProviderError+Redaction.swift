extension ProviderError {
    /// The same error with every text in it (the source's messages, ours, the hint) redacted:
    /// applied after the source's body was decoded, so an escaped echo of a secret is caught too.
    public func redacted(by redactor: Redactor) -> ProviderError {
        ProviderError(
            provider: provider, kind: kind, status: status, sourceMessages: sourceMessages.map(redactor.redact),
            message: redactor.redact(message), hint: redactor.redact(hint))
    }
}
