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

    /// The columns, in the statement's order.
    public var columnNames: [String] { columns.names }

    /// The value of column `name` (NULL when there is none).
    public subscript(name: String) -> SQLValue {
        guard let position = columns.positions[name] else { return .null }
        return values[position]
    }

    /// The value at `position`.
    public subscript(position: Int) -> SQLValue { values[position] }

    /// Column `name` as text.
    public func string(_ name: String) -> String? { self[name].stringValue }
    /// Column `name` as an integer.
    public func int(_ name: String) -> Int? { self[name].intValue }
    /// Column `name` as a 64-bit integer.
    public func int64(_ name: String) -> Int64? { self[name].int64Value }
    /// Column `name` as a number.
    public func double(_ name: String) -> Double? { self[name].doubleValue }
    /// Column `name` as a flag (non-zero is true).
    public func bool(_ name: String) -> Bool { (self[name].int64Value ?? 0) != 0 }
}
