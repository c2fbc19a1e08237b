extension ProviderConnection {
    /// Pages listed ahead of the writer: three, enough for sources whose pages come whole.
    public var pagesInFlight: Int { 3 }

    /// No pacing to report: the connection makes no HTTP requests of its own.
    public func pacing() async -> AdaptiveConcurrency.Summary? { nil }
}
