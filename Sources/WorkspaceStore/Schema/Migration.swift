import Foundation
import ImportCore

/// One numbered schema change. Migrations are applied in order, each in its own transaction,
/// and recorded in `schema_migrations`; an applied migration is never applied again.
public struct Migration: Sendable {
    public let version: Int
    public let name: String
    public let sql: String

    public init(version: Int, name: String, sql: String) {
        self.version = version
        self.name = name
        self.sql = sql
    }
}
