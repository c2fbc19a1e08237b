import ImportCore

/// A source's reference data (users, statuses, priorities…) and field list, kept per connection
/// beside the imported records.
public struct ReferenceDataRepository: Sendable {
    let db: SQLiteDatabase

    /// When the connection's reference data (its field list aside) was last stored.
    public func fetchedAt(owner: Owner, connectionID: Int64) throws -> Timestamp? {
        try db.scalar(
            "SELECT MAX(fetched_at) FROM reference_data WHERE owner_id = ? AND connection_id = ? AND kind != 'fields'",
            [.integer(owner.id), .integer(connectionID)]
        ).stringValue.flatMap(Timestamp.parse)
    }

    /// Stores `records`, replacing rows of the same kind and id.
    public func store(_ records: [ReferenceRecord], owner: Owner, connectionID: Int64) throws {
        let now = Timestamp.now().iso8601
        try db.transaction {
            for item in records {
                try db.execute(
                    """
                    INSERT INTO reference_data (owner_id, connection_id, kind, external_id, name, data_json, fetched_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?)
                    ON CONFLICT (owner_id, connection_id, kind, external_id) DO UPDATE SET
                        name = excluded.name, data_json = excluded.data_json, fetched_at = excluded.fetched_at
                    """,
                    [
                        .integer(owner.id), .integer(connectionID), .text(item.kind), .text(item.id),
                        SQLValue(item.name), .text(item.data.jsonText), .text(now),
                    ])
            }
        }
    }

    /// The connection's field list as stored at or after `since`.
    public func fields(owner: Owner, connectionID: Int64, since: Timestamp) throws -> [SourceField] {
        try db.query(
            "SELECT data_json FROM reference_data WHERE owner_id = ? AND connection_id = ? AND kind = 'fields' AND fetched_at > ?",
            [.integer(owner.id), .integer(connectionID), .text(since.iso8601)]
        ).compactMap { row -> SourceField? in
            guard let data = try? JSONParser.parse(row.string("data_json") ?? ""), let id = data["id"]?.stringValue
            else { return nil }
            return SourceField(
                id: id, name: data["name"]?.stringValue ?? id, isCustom: data["custom"]?.boolValue ?? false,
                type: data["type"]?.stringValue)
        }
    }

    /// Stores the connection's field list.
    public func storeFields(_ fields: [SourceField], owner: Owner, connectionID: Int64) throws {
        try store(
            fields.map { field in
                ReferenceRecord(
                    kind: "fields", id: field.id, name: field.name,
                    data: [
                        "id": .string(field.id), "name": .string(field.name), "custom": .bool(field.isCustom),
                        "type": JSONValue(field.type),
                    ])
            }, owner: owner, connectionID: connectionID)
    }
}
