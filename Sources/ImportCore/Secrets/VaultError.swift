/// Why a secret could not be sealed or opened. Never carries key material or plaintext.
public enum VaultError: Error, Sendable, Equatable, CustomStringConvertible, CategorizedError {
    /// A vault problem is a failure of the run (exit 1).
    public var category: ErrorCategory { .failure }

    /// No key in `TRIBUTARY_ENCRYPTION_KEY` and no key file.
    case missingKey(keyFile: String)
    /// The key is not 32 bytes of base64 or hex.
    case malformedKey(String)
    /// The key file is readable by others than its owner.
    case insecureKeyFile(path: String, mode: String)
    /// The key file's folder may be written by others, who could replace the key file.
    case insecureKeyFolder(path: String, mode: String)
    /// The key file cannot be read or written.
    case keyFileUnreadable(path: String, reason: String)
    /// Wrong key, tampered ciphertext, or a ciphertext moved to another row.
    case authenticationFailed
    /// The stored bytes are not in a layout this version knows.
    case unsupportedFormat(String)
    /// The key differs from the one this database's credentials are sealed with (its key check).
    case wrongKey(since: String)
    /// The key is right, but the credential does not belong to the connection as it stands: its base
    /// URL, auth kind, login or route were changed without reconnecting, or the ciphertext was
    /// altered or copied from another row.
    case settingsChanged(connection: String)
    case cryptoFailure(String)

    /// The message, with what to do next.
    public var description: String {
        switch self {
        case .missingKey(let keyFile):
            return
                "no encryption key: TRIBUTARY_ENCRYPTION_KEY is not set and there is no key file at \(keyFile)\n  hint: run `tributary init` to create a key file, or set TRIBUTARY_ENCRYPTION_KEY to 32 bytes in base64 or hex."
        case .malformedKey(let reason):
            return
                "the encryption key is malformed: \(reason)\n  hint: TRIBUTARY_ENCRYPTION_KEY must be 32 bytes written as base64 (44 characters) or hex (64 characters); `openssl rand -base64 32` makes one."
        case .insecureKeyFile(let path, let mode):
            return
                "the key file \(path) has permissions \(mode); it must be readable by its owner only\n  hint: run `chmod 600 \(path)`."
        case .insecureKeyFolder(let path, let mode):
            return
                "the folder of the key file, \(path), has permissions \(mode): others may write to it and replace the key file\n  hint: run `chmod 700 \(path)` (or `chmod go-w`), or keep the key file in a folder of your own."
        case .keyFileUnreadable(let path, let reason):
            return
                "cannot use the key file \(path): \(reason)\n  hint: check the path and its permissions, or run `tributary init`."
        case .authenticationFailed:
            return
                "the stored secret cannot be decrypted: wrong encryption key, or the ciphertext was altered or moved to another connection\n  hint: use the key the connection was created with, or run `tributary rotate NAME` to store a new token."
        case .unsupportedFormat(let reason):
            return
                "the stored secret is in an unknown format (\(reason))\n  hint: run `tributary rotate NAME` to store the token again."
        case .wrongKey(let since):
            return
                "the encryption key is not the one this database's credentials are sealed with (its key check dates from \(since))\n  hint: use that key (TRIBUTARY_ENCRYPTION_KEY, TRIBUTARY_KEY_FILE, or the key file `tributary init` created for this database); sealing a token with a second key would leave the others unreadable."
        case .settingsChanged(let connection):
            return
                "the stored token of \"\(connection)\" does not belong to the connection as it stands (its site URL, authentication kind, login or route were changed outside Tributary, or the ciphertext was altered or copied from another row), so it is not used\n  hint: if you made the change, store the token again with `tributary rotate \(connection)`; if not, someone edited the database."
        case .cryptoFailure(let reason):
            return "libcrypto failed: \(reason)\n  hint: check the OpenSSL installation (libssl-dev)."
        }
    }
}
