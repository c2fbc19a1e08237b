import Foundation
import ImportCore

/// One numbered schema change. Migrations are applied in order, each in its own transaction,
/// and recorded in `schema_migrations`; an applied migration is never applied again.
public struct Migration: Sendable {
    /// Its number; applied in order, each once.
    public let version: Int
    /// What it changes, in words.
    public let name: String
    /// The statements it runs.
    public let sql: String
    /// Whether it rebuilds tables others refer to: it then runs with foreign keys off, and every
    /// reference is checked before it commits (SQLite's procedure for changes ALTER TABLE cannot make).
    public let rebuildsTables: Bool

    /// A migration.
    public init(version: Int, name: String, sql: String, rebuildsTables: Bool = false) {
        self.version = version
        self.name = name
        self.sql = sql
        self.rebuildsTables = rebuildsTables
    }
}
