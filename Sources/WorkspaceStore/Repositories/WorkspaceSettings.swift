import ImportCore

/// Small facts about one workspace database that later commands need (the key file `init` chose).
public struct WorkspaceSettings: Sendable {
    let db: SQLiteDatabase

    /// The setting `name`, if recorded.
    public func value(_ name: String) throws -> String? {
        try db.scalar("SELECT value FROM workspace_settings WHERE name = ?", [.text(name)]).stringValue
    }

    /// Records `value` for `name`, replacing what was there.
    public func set(_ name: String, _ value: String) throws {
        try db.execute(
            "INSERT INTO workspace_settings (name, value) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET value = excluded.value",
            [.text(name), .text(value)])
    }
}
