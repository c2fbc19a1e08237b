/// Where a run's named connection comes from: its record, its credentials (opened in memory for the
/// run only), and the facts a run learns about it. The SQLite workspace is one; the in-memory
/// destination of `ImportTesting` is another.
public protocol ConnectionStore: Sendable {
    /// The owner's connection named `name`, or `nil`.
    func connection(owner: Owner, name: String) throws -> ConnectionRecord?

    /// The connection's credentials, in memory only; throws when it was disconnected or its sealed
    /// token does not belong to it as it stands.
    func credentials(owner: Owner, name: String, vault: CredentialVault) throws -> Credentials

    /// Whether the connection still holds its token (a run in progress stops when it is disconnected).
    func isActive(owner: Owner, name: String) throws -> Bool

    /// Records which source instance the connection reads, once learnt.
    func recordInstance(owner: Owner, name: String, instance: String) throws
}
