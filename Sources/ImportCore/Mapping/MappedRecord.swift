/// The values a table produced for one source record, by target name, before they become canonical.
public struct MappedRecord: Sendable, Hashable {
    /// Target values of the record itself, by target name.
    public var fields: [String: JSONValue]
    /// Target values of its children (comments, worklogs…), one dictionary per child.
    public var children: [RecordKind: [[String: JSONValue]]]
}
