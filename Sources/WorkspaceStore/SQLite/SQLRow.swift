import CSQLite
import Foundation
import ImportCore

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// One result row: values by column position or name.
public struct SQLRow: Sendable {
    /// Column names shared by every row of one result.
    final class Columns: Sendable {
        let names: [String]
        let positions: [String: Int]
        init(names: [String]) {
            self.names = names
            var positions: [String: Int] = [:]
            for (index, name) in names.enumerated() where positions[name] == nil { positions[name] = index }
            self.positions = positions
        }
    }

    let columns: Columns
    /// The values in column order.
    public let values: [SQLValue]

    public var columnNames: [String] { columns.names }

    public subscript(name: String) -> SQLValue {
        guard let position = columns.positions[name] else { return .null }
        return values[position]
    }

    public subscript(position: Int) -> SQLValue { values[position] }

    public func string(_ name: String) -> String? { self[name].stringValue }
    public func int(_ name: String) -> Int? { self[name].intValue }
    public func int64(_ name: String) -> Int64? { self[name].int64Value }
    public func double(_ name: String) -> Double? { self[name].doubleValue }
    public func bool(_ name: String) -> Bool { (self[name].int64Value ?? 0) != 0 }
}
