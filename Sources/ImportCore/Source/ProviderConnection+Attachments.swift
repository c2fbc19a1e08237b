extension ProviderConnection {
    /// Streams the content of the attachment `externalID` (whose record gave `contentURL`) into the
    /// file at `path`, at most `maxBytes`, and returns the bytes written. Sources that cannot serve
    /// content throw `ProviderError.notSupported`.
    public func downloadAttachment(
        externalID: String, contentURL: String?, to path: String, maxBytes: Int, seconds: Double
    ) async throws -> Int {
        throw ProviderError.notSupported(provider: siteURL, part: "attachment content downloads")
    }
}
