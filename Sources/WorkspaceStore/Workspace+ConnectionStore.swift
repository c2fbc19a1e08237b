import ImportCore

extension Workspace: ConnectionStore {
    /// The owner's connection `name`.
    public func connection(owner: Owner, name: String) throws -> ConnectionRecord? {
        try connections.find(owner: owner, name: name)
    }

    /// The connection's credentials, opened with `vault` for this request only.
    public func credentials(owner: Owner, name: String, vault: CredentialVault) throws -> Credentials {
        try connections.credentials(owner: owner, name: name, vault: vault)
    }

    /// Whether the connection exists and is not revoked (a run stops when it is).
    public func isActive(owner: Owner, name: String) throws -> Bool {
        try connections.isActive(owner: owner, name: name)
    }

    /// Records which source instance (Jira site) the connection reaches.
    public func recordInstance(owner: Owner, name: String, instance: String) throws {
        try connections.recordInstance(owner: owner, name: name, instance: instance)
    }
}
