import Foundation

/// A mapping table's text and where it came from (a file, or the provider's built-in copy).
public struct MappingSource: Sendable {
    /// The file it was read from, or `built-in <provider> mapping table`.
    public let origin: String
    /// The table's JSON.
    public let data: Data

    /// A table read from `origin`.
    public init(origin: String, data: Data) {
        self.origin = origin
        self.data = data
    }

    /// The table, parsed and validated (against the source's fields when they are given).
    public func table(fields: [SourceField]? = nil) throws -> MappingTable {
        try MappingParser.parse(data, origin: origin, fields: fields)
    }
}
