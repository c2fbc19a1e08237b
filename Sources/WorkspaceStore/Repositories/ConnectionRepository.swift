import Foundation
import ImportCore

/// Connections of one owner. Every read is scoped by owner: one owner never sees another's rows.
public struct ConnectionRepository: Sendable {
    let db: SQLiteDatabase

    private static let columns = """
        id, owner_id, name, provider, base_url, account_email, account_id, account_name, auth_kind, login,
        encrypted_secret IS NOT NULL AS has_secret, settings_json, created_at, verified_at, revoked_at, last_error
        """

    /// Settings that describe the account rather than where or how the token is sent: they may change
    /// without re-sealing. Every other setting (route, gateway, cloud id…) is bound to the credential.
    static let unboundSettings: Set<String> = ["timeZone", "instance"]

    /// What a credential is bound to: the connection's provider, site, auth kind, login and route settings.
    static func binding(
        owner: Owner, name: String, provider: String, baseURL: String, authKind: AuthKind, login: String?,
        settings: [String: String]
    ) -> CredentialVault.Binding {
        var bound = settings.filter { !unboundSettings.contains($0.key) }
        bound["provider"] = provider
        bound["baseURL"] = baseURL
        bound["authKind"] = authKind.rawValue
        bound["login"] = login ?? ""
        return CredentialVault.Binding(ownerID: owner.id, connectionName: name, settings: bound)
    }

    static func binding(owner: Owner, record: ConnectionRecord, settings: [String: String]? = nil)
        -> CredentialVault.Binding
    {
        binding(
            owner: owner, name: record.name, provider: record.provider, baseURL: record.baseURL,
            authKind: record.authKind, login: record.login, settings: settings ?? record.settings)
    }

    /// Throws `VaultError.wrongKey` unless `vault` holds the key this database's credentials are sealed
    /// with (callers check before asking the source, so a wrong key fails fast).
    public func checkKey(_ vault: CredentialVault) throws { try VaultKeyCheck(db: db).ensure(vault) }

    /// Whether anything in this database was sealed with a key (a token, or the key check): when
    /// nothing was, a new key may be made for it; otherwise only its own key will do.
    public func holdsSealedSecrets() throws -> Bool {
        let sealed =
            try db.scalar(
                """
                SELECT (SELECT COUNT(*) FROM vault_key_check)
                    + (SELECT COUNT(*) FROM connections WHERE encrypted_secret IS NOT NULL)
                """
            ).intValue ?? 0
        return sealed > 0
    }

    /// Stores a verified connection with its secret sealed (bound to its settings), and audits
    /// `<PROVIDER>_CONNECTED`, atomically. `login` is the name the credential authenticates with.
    /// A disconnected connection of the same name is connected again in place (its id, and so its
    /// jobs' history, stay); one that still holds a token is refused.
    @discardableResult
    public func create(
        owner: Owner, name: String, provider: String, baseURL: String, authKind: AuthKind, login: String? = nil,
        account: Account, secret: SecretString, vault: CredentialVault
    ) throws -> ConnectionRecord {
        guard !name.isEmpty, name.count <= 100 else {
            throw WorkspaceError.invalid("a connection name must be 1 to 100 characters\n  hint: pass --name NAME.")
        }
        let existing = try find(owner: owner, name: name)
        if let existing, existing.hasSecret { throw WorkspaceError.connectionExists(name: name) }
        try VaultKeyCheck(db: db).ensure(vault)
        let now = Timestamp.now().iso8601
        var settings = account.settings
        if let zone = account.timeZone { settings["timeZone"] = zone }
        let login = authKind == .emailToken ? (login ?? account.email) : nil
        let sealed = try vault.seal(
            secret,
            for: Self.binding(
                owner: owner, name: name, provider: provider, baseURL: baseURL, authKind: authKind, login: login,
                settings: settings))
        try db.transaction {
            if existing == nil {
                try db.execute(
                    """
                    INSERT INTO connections (owner_id, name, provider, base_url, account_email, account_id,
                        account_name, auth_kind, login, encrypted_secret, settings_json, created_at, verified_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                    [
                        .integer(owner.id), .text(name), .text(provider), .text(baseURL), SQLValue(account.email),
                        .text(account.id), .text(account.displayName), .text(authKind.rawValue), SQLValue(login),
                        .blob(sealed), .text(Self.encode(settings)), .text(now), .text(now),
                    ])
            } else {
                try db.execute(
                    """
                    UPDATE connections SET provider = ?, base_url = ?, account_email = ?, account_id = ?,
                        account_name = ?, auth_kind = ?, login = ?, encrypted_secret = ?, settings_json = ?,
                        verified_at = ?, revoked_at = NULL, last_error = NULL
                    WHERE owner_id = ? AND name = ?
                    """,
                    [
                        .text(provider), .text(baseURL), SQLValue(account.email), .text(account.id),
                        .text(account.displayName), .text(authKind.rawValue), SQLValue(login), .blob(sealed),
                        .text(Self.encode(settings)), .text(now), .integer(owner.id), .text(name),
                    ])
            }
            try AuditLog(db: db).record(
                owner: owner, action: AuditAction.connected.name(provider: provider), subject: name,
                detail: [
                    "provider": .string(provider), "baseUrl": .string(baseURL), "account": JSONValue(account.email),
                    "reconnected": .bool(existing != nil),
                ])
        }
        return try require(owner: owner, name: name)
    }

    /// The owner's connection named `name`, or `nil`.
    public func find(owner: Owner, name: String) throws -> ConnectionRecord? {
        try db.queryOne(
            "SELECT \(Self.columns) FROM connections WHERE owner_id = ? AND name = ?",
            [.integer(owner.id), .text(name)]
        ).map(Self.record)
    }

    /// The owner's connection named `name`, or a `connectionNotFound` error.
    public func require(owner: Owner, name: String) throws -> ConnectionRecord {
        guard let record = try find(owner: owner, name: name) else {
            throw WorkspaceError.connectionNotFound(name: name, owner: owner.email)
        }
        return record
    }

    /// The owner's connections, by name.
    public func list(owner: Owner) throws -> [ConnectionRecord] {
        try db.query(
            "SELECT \(Self.columns) FROM connections WHERE owner_id = ? ORDER BY name", [.integer(owner.id)]
        ).map(Self.record)
    }

    /// Opens the sealed secret of the owner's connection, in memory only, and returns usable credentials.
    /// A secret whose binding no longer matches the row (settings edited without the key) is refused;
    /// one sealed by an earlier release (bound to owner and name only) is re-sealed with its settings.
    public func credentials(owner: Owner, name: String, vault: CredentialVault) throws -> Credentials {
        let record = try require(owner: owner, name: name)
        guard
            let sealed = try db.scalar(
                "SELECT encrypted_secret FROM connections WHERE owner_id = ? AND name = ?",
                [.integer(owner.id), .text(name)]
            ).blobValue
        else { throw WorkspaceError.connectionRevoked(name: name) }
        let binding = Self.binding(owner: owner, record: record)
        let legacy = CredentialVault.isLegacy(sealed)
        let opening = legacy ? CredentialVault.Binding(ownerID: owner.id, connectionName: name) : binding
        let secret: SecretString
        do {
            secret = try vault.open(sealed, for: opening)
        } catch {
            guard error == .authenticationFailed else { throw error }
            // Tell a wrong key from a row whose settings were changed under its credential.
            let check = VaultKeyCheck(db: db)
            if try check.matches(vault) == false { throw VaultError.wrongKey(since: try check.createdAt() ?? "?") }
            throw legacy ? VaultError.authenticationFailed : VaultError.settingsChanged(connection: name)
        }
        if legacy {
            try VaultKeyCheck(db: db).ensure(vault)
            try db.execute(
                "UPDATE connections SET encrypted_secret = ? WHERE owner_id = ? AND name = ?",
                [.blob(try vault.seal(secret, for: binding)), .integer(owner.id), .text(name)])
        }
        return Credentials(kind: record.authKind, username: record.login, secret: secret)
    }

    /// Replaces the secret of an existing connection (already verified by the caller), optionally
    /// pointing it at `baseURL` (a moved site), re-sealed with its new settings, and audits
    /// `<PROVIDER>_CREDENTIALS_ROTATED`, atomically. A revoked connection comes back to life.
    public func rotate(
        owner: Owner, name: String, secret: SecretString, account: Account, baseURL: String? = nil,
        vault: CredentialVault
    ) throws {
        let record = try require(owner: owner, name: name)
        try VaultKeyCheck(db: db).ensure(vault)
        var settings = record.settings.merging(account.settings) { $1 }
        if let zone = account.timeZone { settings["timeZone"] = zone }
        let url = baseURL ?? record.baseURL
        let sealed = try vault.seal(
            secret,
            for: Self.binding(
                owner: owner, name: name, provider: record.provider, baseURL: url, authKind: record.authKind,
                login: record.login, settings: settings))
        try db.transaction {
            try db.execute(
                """
                UPDATE connections SET encrypted_secret = ?, verified_at = ?, revoked_at = NULL, last_error = NULL,
                    account_id = ?, account_name = ?, settings_json = ?, base_url = ?
                WHERE owner_id = ? AND name = ?
                """,
                [
                    .blob(sealed), .text(Timestamp.now().iso8601), .text(account.id), .text(account.displayName),
                    .text(Self.encode(settings)), .text(url), .integer(owner.id), .text(name),
                ])
            try AuditLog(db: db).record(
                owner: owner, action: AuditAction.credentialsRotated.name(provider: record.provider), subject: name,
                detail: ["provider": .string(record.provider)])
        }
    }

    /// Deletes the sealed secret (imported rows keep their provenance) and audits `<PROVIDER>_REVOKED`.
    public func revoke(owner: Owner, name: String) throws {
        let record = try require(owner: owner, name: name)
        guard record.hasSecret else { throw WorkspaceError.connectionAlreadyRevoked(name: name) }
        try db.transaction {
            try db.execute(
                "UPDATE connections SET encrypted_secret = NULL, revoked_at = ? WHERE owner_id = ? AND name = ?",
                [.text(Timestamp.now().iso8601), .integer(owner.id), .text(name)])
            try AuditLog(db: db).record(
                owner: owner, action: AuditAction.revoked.name(provider: record.provider), subject: name,
                detail: ["provider": .string(record.provider)])
        }
        // The freed pages may still hold the old bytes: rewrite them so the ciphertext is gone from the file.
        try db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    }

    /// Whether the connection still holds its token (`disconnect` removes it): a run in progress stops
    /// when its connection is disconnected.
    public func isActive(owner: Owner, name: String) throws -> Bool {
        try db.scalar(
            "SELECT encrypted_secret IS NOT NULL AND revoked_at IS NULL FROM connections WHERE owner_id = ? AND name = ?",
            [.integer(owner.id), .text(name)]
        ).int64Value == 1
    }

    /// Records which source instance the connection reads (learnt on its first run after an upgrade).
    public func recordInstance(owner: Owner, name: String, instance: String) throws {
        let record = try require(owner: owner, name: name)
        var settings = record.settings
        settings["instance"] = instance
        try db.execute(
            "UPDATE connections SET settings_json = ? WHERE owner_id = ? AND name = ?",
            [.text(Self.encode(settings)), .integer(owner.id), .text(name)])
    }

    /// Records the last failure seen with this connection (a message without secrets).
    public func recordError(owner: Owner, name: String, message: String?) throws {
        try db.execute(
            "UPDATE connections SET last_error = ? WHERE owner_id = ? AND name = ?",
            [SQLValue(message), .integer(owner.id), .text(name)])
    }

    /// Marks a successful verification.
    public func recordVerified(owner: Owner, name: String) throws {
        try db.execute(
            "UPDATE connections SET verified_at = ?, last_error = NULL WHERE owner_id = ? AND name = ?",
            [.text(Timestamp.now().iso8601), .integer(owner.id), .text(name)])
    }

    static func record(_ row: SQLRow) -> ConnectionRecord {
        ConnectionRecord(
            id: row.int64("id") ?? 0, ownerID: row.int64("owner_id") ?? 0, name: row.string("name") ?? "",
            provider: row.string("provider") ?? "", baseURL: row.string("base_url") ?? "",
            accountEmail: row.string("account_email"), accountID: row.string("account_id"),
            accountName: row.string("account_name"),
            authKind: AuthKind(rawValue: row.string("auth_kind") ?? "") ?? .personalAccessToken,
            login: row.string("login"), hasSecret: row.bool("has_secret"),
            settings: decode(row.string("settings_json")),
            createdAt: row.string("created_at") ?? "", verifiedAt: row.string("verified_at"),
            revokedAt: row.string("revoked_at"), lastError: row.string("last_error"))
    }

    static func encode(_ settings: [String: String]) -> String {
        JSONValue.object(settings.mapValues(JSONValue.string)).jsonText
    }

    static func decode(_ text: String?) -> [String: String] {
        guard let text, let value = try? JSONParser.parse(text), let object = value.objectValue else { return [:] }
        return object.compactMapValues(\.stringValue)
    }
}
