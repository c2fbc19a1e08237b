import Foundation
import ImportCore

// The connection-store role: connections added with `addConnection`, their credentials and instances.
extension InMemoryDestination {
    /// The connection `name`, if added.
    public func connection(owner: Owner, name: String) throws -> ConnectionRecord? {
        state.withLock { $0.connections["\(owner.id)|\(name)"]?.record }
    }

    /// The credentials it was added with.
    public func credentials(owner: Owner, name: String, vault: CredentialVault) throws -> Credentials {
        guard let entry = state.withLock({ $0.connections["\(owner.id)|\(name)"] }) else {
            throw WorkspaceError.connectionNotFound(name: name, owner: owner.email)
        }
        guard let credentials = entry.credentials else { throw WorkspaceError.connectionRevoked(name: name) }
        return credentials
    }

    /// Whether the connection was added.
    public func isActive(owner: Owner, name: String) throws -> Bool {
        state.withLock { $0.connections["\(owner.id)|\(name)"]?.credentials != nil }
    }

    /// Instances are not tracked here.
    public func recordInstance(owner: Owner, name: String, instance: String) throws {}
}
