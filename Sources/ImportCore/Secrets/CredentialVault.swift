/// Seals and opens stored credentials with AES-256-GCM.
///
/// Byte layout (version 1): `0x01 | nonce (12) | ciphertext | tag (16)`. A fresh random nonce is drawn
/// for every seal. The owning row is bound in as additional authenticated data
/// (`tributary:v1:owner=<id>:connection=<name>`), so a ciphertext copied into another owner's or
/// another connection's row fails to open.
public struct CredentialVault: Sendable {
    public static let formatVersion: UInt8 = 1
    private let key: EncryptionKey

    public init(key: EncryptionKey) { self.key = key }

    /// Where a ciphertext belongs; bound into it.
    public struct Binding: Sendable, Hashable {
        public let ownerID: Int64
        public let connectionName: String

        public init(ownerID: Int64, connectionName: String) {
            self.ownerID = ownerID
            self.connectionName = connectionName
        }

        var associatedData: [UInt8] { Array("tributary:v1:owner=\(ownerID):connection=\(connectionName)".utf8) }
    }

    public func seal(_ secret: SecretString, for binding: Binding) throws(VaultError) -> [UInt8] {
        let nonce = try AESGCM.randomBytes(AESGCM.nonceSize)
        let sealed = try AESGCM.seal(secret.bytes, key: key.bytes, nonce: nonce, aad: binding.associatedData)
        return [CredentialVault.formatVersion] + nonce + sealed.ciphertext + sealed.tag
    }

    public func open(_ stored: [UInt8], for binding: Binding) throws(VaultError) -> SecretString {
        guard let version = stored.first else { throw .unsupportedFormat("empty") }
        guard version == CredentialVault.formatVersion else { throw .unsupportedFormat("version \(version)") }
        guard stored.count >= 1 + AESGCM.nonceSize + AESGCM.tagSize else { throw .unsupportedFormat("too short") }
        let nonce = Array(stored[1..<(1 + AESGCM.nonceSize)])
        let ciphertext = Array(stored[(1 + AESGCM.nonceSize)..<(stored.count - AESGCM.tagSize)])
        let tag = Array(stored[(stored.count - AESGCM.tagSize)...])
        let plaintext = try AESGCM.open(
            AESGCM.Sealed(ciphertext: ciphertext, tag: tag), key: key.bytes, nonce: nonce, aad: binding.associatedData)
        return SecretString(bytes: plaintext)
    }
}
