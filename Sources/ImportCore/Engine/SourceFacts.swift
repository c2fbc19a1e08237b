import Foundation

/// What a run learns about its source beside the records, kept in the destination so later runs need
/// not ask again: the source instance, the field list (reused for an hour) and the reference data
/// (users, statuses…; refreshed at most hourly).
struct SourceFacts: Sendable {
    let destination: any ImportDestination

    /// How long the field list and the reference data stay fresh.
    static let freshness: Int64 = 3_600_000

    /// The source instance of the run's connection: stored with a named connection once known; rows
    /// written before instances were recorded (their instance is the connection's base URL) are adopted.
    func instance(_ resolved: ResolvedConnection, owner: Owner, connections: any ConnectionStore) async throws
        -> String
    {
        if let stored = resolved.record?.settings["instance"], !stored.isEmpty { return stored }
        let instance = try await resolved.connection.sourceInstance()
        if let record = resolved.record {
            try connections.recordInstance(owner: owner, name: record.name, instance: instance)
        }
        let legacy = resolved.record?.baseURL ?? resolved.connection.siteURL
        if legacy != instance {
            _ = try destination.adoptRows(owner: owner, source: resolved.provider.id, from: legacy, to: instance)
        }
        return instance
    }

    /// The source's field list: stored and reused for an hour, so re-imports start with their first
    /// request. A stored list that lacks a custom field the table names is fetched again (the field
    /// may have been created since). A source without a field list gives an empty one.
    func fieldCatalog(_ resolved: ResolvedConnection, owner: Owner, for table: MappingTable) async throws
        -> [SourceField]
    {
        guard let record = resolved.record else {
            return try await Self.supported { try await resolved.connection.fieldCatalog() }
        }
        let cached = try destination.storedFieldCatalog(
            owner: owner, connectionID: record.id, since: Timestamp.now().adding(milliseconds: -Self.freshness))
        if !cached.isEmpty, table.customFields.values.allSatisfy({ MappingValidator.resolve($0, in: cached) != nil }) {
            return cached
        }
        let fields = try await Self.supported { try await resolved.connection.fieldCatalog() }
        try destination.storeFieldCatalog(fields, owner: owner, connectionID: record.id)
        return fields
    }

    /// Whether the connection's reference data is missing or older than an hour.
    func referenceDataIsStale(owner: Owner, connection: ConnectionRecord) throws -> Bool {
        guard let newest = try destination.referenceDataFetchedAt(owner: owner, connectionID: connection.id) else {
            return true
        }
        return Timestamp.now().millisecondsSince1970 - newest.millisecondsSince1970 > Self.freshness
    }

    /// `list`, or empty when the source does not support it.
    static func supported<T>(_ list: () async throws -> [T]) async throws -> [T] {
        do {
            return try await list()
        } catch let error as ProviderError where error.kind == .notSupported {
            return []
        }
    }
}
