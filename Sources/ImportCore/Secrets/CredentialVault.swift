/// Seals and opens stored credentials with AES-256-GCM.
///
/// Byte layout: `version | nonce (12) | ciphertext | tag (16)`, a fresh random nonce for every seal.
/// Where the credential belongs and what it may be used with is bound in as additional authenticated
/// data, so a ciphertext copied into another row, or a row whose settings were edited without the
/// key (a new base URL, another auth kind), fails to open:
/// - version 2 (written now): owner, connection name and the connection's settings (provider, base
///   URL, auth kind, login, route), each length-prefixed;
/// - version 1 (read only, from earlier releases): owner and connection name.
public struct CredentialVault: Sendable {
    /// The version `seal` writes.
    public static let formatVersion: UInt8 = 2
    private let key: EncryptionKey

    /// A vault that seals and opens with `key`.
    public init(key: EncryptionKey) { self.key = key }

    /// Where a ciphertext belongs and what it may be used with; bound into it.
    public struct Binding: Sendable, Hashable {
        /// The owner the secret belongs to.
        public let ownerID: Int64
        /// The connection's name.
        public let connectionName: String
        /// The connection settings the credential is bound to (version 2).
        public let settings: [String: String]

        /// What a sealed secret is bound to: it opens only for this owner, name and settings.
        public init(ownerID: Int64, connectionName: String, settings: [String: String] = [:]) {
            self.ownerID = ownerID
            self.connectionName = connectionName
            self.settings = settings
        }

        func associatedData(version: UInt8) -> [UInt8] {
            guard version >= 2 else { return Array("tributary:v1:owner=\(ownerID):connection=\(connectionName)".utf8) }
            var data = Array("tributary:v2".utf8)
            let fields =
                [("owner", String(ownerID)), ("connection", connectionName)]
                + settings.sorted { $0.key < $1.key }.map { ("setting." + $0.key, $0.value) }
            for (name, value) in fields {
                data.append(0x1F)
                data += Array(name.utf8)
                data += Array("=\(value.utf8.count):".utf8)
                data += Array(value.utf8)
            }
            return data
        }
    }

    /// `secret` encrypted for `binding` (format, nonce, ciphertext and tag in one blob).
    public func seal(_ secret: SecretString, for binding: Binding) throws(VaultError) -> [UInt8] {
        let nonce = try AESGCM.randomBytes(AESGCM.nonceSize)
        let sealed = try AESGCM.seal(
            secret.bytes, key: key.bytes, nonce: nonce, aad: binding.associatedData(version: Self.formatVersion))
        return [Self.formatVersion] + nonce + sealed.ciphertext + sealed.tag
    }

    /// The secret in `stored`, if it was sealed with this key for exactly this binding.
    public func open(_ stored: [UInt8], for binding: Binding) throws(VaultError) -> SecretString {
        guard let version = stored.first else { throw .unsupportedFormat("empty") }
        guard version == 1 || version == 2 else { throw .unsupportedFormat("version \(version)") }
        guard stored.count >= 1 + AESGCM.nonceSize + AESGCM.tagSize else { throw .unsupportedFormat("too short") }
        let nonce = Array(stored[1..<(1 + AESGCM.nonceSize)])
        let ciphertext = Array(stored[(1 + AESGCM.nonceSize)..<(stored.count - AESGCM.tagSize)])
        let tag = Array(stored[(stored.count - AESGCM.tagSize)...])
        let plaintext = try AESGCM.open(
            AESGCM.Sealed(ciphertext: ciphertext, tag: tag), key: key.bytes, nonce: nonce,
            aad: binding.associatedData(version: version))
        return SecretString(bytes: plaintext)
    }

    /// Whether `stored` was sealed by an earlier release (bound to owner and name only).
    public static func isLegacy(_ stored: [UInt8]) -> Bool { stored.first == 1 }
}
