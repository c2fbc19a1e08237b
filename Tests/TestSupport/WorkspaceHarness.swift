import Foundation
import ImportCore
import WorkspaceStore

/// What the harnesses that import into a SQLite workspace share: the engine over that workspace
/// with the key its connection was sealed with, the environment a CLI child needs, and row counts.
public protocol WorkspaceHarness: Sendable {
    var workspace: Workspace { get }
    /// The encryption key (base64) the stored connection was sealed with.
    var key: String { get }
    var registry: ProviderRegistry { get }
}

extension WorkspaceHarness {
    public var databasePath: String { workspace.path }

    /// The environment a CLI child process needs to open the stored connection.
    public var environment: [String: String] { ["TRIBUTARY_ENCRYPTION_KEY": key] }

    public func engine(observer: any ImportObserver = SilentObserver()) -> ImportEngine {
        let key = self.key
        return ImportEngine(
            workspace: workspace, registry: registry, environment: environment, observer: observer,
            vault: { CredentialVault(key: try EncryptionKey(encoded: key, origin: "test")) })
    }

    public func count(_ table: String, _ condition: String = "1") throws -> Int {
        try workspace.db.scalar("SELECT COUNT(*) FROM \(table) WHERE \(condition)").intValue ?? 0
    }
}
