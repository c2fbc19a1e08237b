/// The actions the audit log records. Stored names are prefixed by the provider: `JIRA_CONNECTED`.
public enum AuditAction: String, Sendable, CaseIterable {
    case connected = "CONNECTED"
    case credentialsRotated = "CREDENTIALS_ROTATED"
    case revoked = "REVOKED"
    case importStarted = "IMPORT_STARTED"
    case importCompleted = "IMPORT_COMPLETED"
    case importFailed = "IMPORT_FAILED"
    case importInterrupted = "IMPORT_INTERRUPTED"
    case importReverted = "IMPORT_REVERTED"

    /// The audit name of this action for a provider (`JIRA_CONNECT`).
    public func name(provider: String) -> String { provider.uppercased() + "_" + rawValue }
}
