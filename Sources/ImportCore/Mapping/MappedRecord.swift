/// The values a table produced for one source record, by target name, before they become canonical.
public struct MappedRecord: Sendable, Hashable {
    public var fields: [String: JSONValue]
    public var children: [RecordKind: [[String: JSONValue]]]
}
