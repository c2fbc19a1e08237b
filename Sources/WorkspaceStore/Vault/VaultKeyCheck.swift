import Foundation
import ImportCore

/// The database's record of which encryption key its credentials are sealed with: an empty secret
/// sealed with the key. A token is never sealed with a key that cannot open it, so one database never
/// mixes keys (which would leave some tokens unreadable with either key).
struct VaultKeyCheck {
    let db: SQLiteDatabase

    static let binding = CredentialVault.Binding(
        ownerID: 0, connectionName: "", settings: ["purpose": "tributary key check"])

    /// Whether `vault`'s key is the database's (`nil` when no key check is stored yet).
    func matches(_ vault: CredentialVault) throws -> Bool? {
        guard let sealed = try db.scalar("SELECT sealed FROM vault_key_check WHERE id = 1").blobValue else {
            return nil
        }
        do {
            _ = try vault.open(sealed, for: Self.binding)
            return true
        } catch {
            return false
        }
    }

    /// When the key check was stored.
    func createdAt() throws -> String? {
        try db.scalar("SELECT created_at FROM vault_key_check WHERE id = 1").stringValue
    }

    /// Throws `VaultError.wrongKey` unless `vault` holds the database's key; stores the key check on
    /// first use. A database sealed before key checks existed is checked against a stored credential.
    func ensure(_ vault: CredentialVault) throws {
        switch try matches(vault) {
        case true?: return
        case false?: throw VaultError.wrongKey(since: try createdAt() ?? "?")
        case nil:
            if let row = try db.queryOne(
                "SELECT owner_id, name, encrypted_secret FROM connections WHERE encrypted_secret IS NOT NULL AND substr(encrypted_secret, 1, 1) = x'01' LIMIT 1"
            ), let sealed = row["encrypted_secret"].blobValue, let ownerID = row.int64("owner_id"),
                let name = row.string("name")
            {
                do {
                    _ = try vault.open(sealed, for: CredentialVault.Binding(ownerID: ownerID, connectionName: name))
                } catch {
                    throw VaultError.wrongKey(since: "before key checks were recorded")
                }
            }
            try db.execute(
                "INSERT OR IGNORE INTO vault_key_check (id, sealed, created_at) VALUES (1, ?, ?)",
                [.blob(try vault.seal(SecretString(""), for: Self.binding)), .text(Timestamp.now().iso8601)])
        }
    }
}
