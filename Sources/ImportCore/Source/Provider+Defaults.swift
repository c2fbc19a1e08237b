extension Provider {
    /// Accepts every query: providers without a native filter language have nothing to check.
    public func validate(_ query: RecordQuery) throws {}

    /// No table built in: a run needs one on disk (`mapping.table` or `Providers/<id>/mapping.json`).
    public var shippedMappingTable: String? { nil }

    /// The descriptor's id.
    public var id: String { descriptor.id }
    /// The descriptor's display name.
    public var displayName: String { descriptor.displayName }
    /// The descriptor's credential kinds.
    public var authKinds: [AuthKind] { descriptor.authKinds }

    /// Verifies credentials against the source and returns the account they belong to.
    public func verify(_ credentials: Credentials, at baseURL: String, options: ConnectionOptions = .init())
        async throws -> Account
    {
        let settings = try ConnectionSettings(baseURL: baseURL, credentials: credentials, options: options)
        return try await connect(settings).verify()
    }
}
