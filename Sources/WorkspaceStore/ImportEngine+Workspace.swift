import Foundation
import ImportCore

extension ImportEngine {
    /// An engine writing to the SQLite `workspace`, opening named connections from it.
    public convenience init(
        workspace: Workspace, registry: ProviderRegistry,
        environment: [String: String] = ProcessInfo.processInfo.environment,
        observer: any ImportObserver = SilentObserver(),
        vault: @escaping @Sendable () throws -> CredentialVault = { CredentialVault(key: try EncryptionKey.load()) }
    ) {
        self.init(
            destination: workspace, connections: workspace, registry: registry, environment: environment,
            observer: observer, vault: vault)
    }
}
