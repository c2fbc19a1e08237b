import ImportCore

extension Workspace: ConnectionStore {
    public func connection(owner: Owner, name: String) throws -> ConnectionRecord? {
        try connections.find(owner: owner, name: name)
    }

    public func credentials(owner: Owner, name: String, vault: CredentialVault) throws -> Credentials {
        try connections.credentials(owner: owner, name: name, vault: vault)
    }

    public func isActive(owner: Owner, name: String) throws -> Bool {
        try connections.isActive(owner: owner, name: name)
    }

    public func recordInstance(owner: Owner, name: String, instance: String) throws {
        try connections.recordInstance(owner: owner, name: name, instance: instance)
    }
}
