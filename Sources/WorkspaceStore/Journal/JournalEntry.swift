import ImportCore

/// One change a job made to one row: what a revert undoes.
public struct JournalEntry: Sendable, Equatable {
    /// What the job did to the row.
    public enum Action: String, Sendable {
        case insert, update, delete
    }

    /// The entry's place in the journal (later changes have larger ones).
    public let id: Int64
    /// The table the row is in.
    public let table: String
    /// The row's rowid.
    public let rowID: Int64
    /// What was done.
    public let action: Action
    /// The row as it was before an update or a delete (its columns by name); `nil` for an insert.
    public let before: JSONValue?

    init?(_ row: SQLRow) {
        guard let id = row.int64("id"), let table = row.string("table_name"), let rowID = row.int64("row_id"),
            let action = row.string("action").flatMap(Action.init)
        else { return nil }
        self.id = id
        self.table = table
        self.rowID = rowID
        self.action = action
        before = row.string("before_json").flatMap { try? JSONParser.parse($0) }
    }
}

/// How many rows of one table a job changed one way.
public struct JournalSummary: Sendable, Equatable {
    /// The table.
    public let table: String
    /// What was done to them.
    public let action: JournalEntry.Action
    /// The journal's entries (a row updated twice has two).
    public let entries: Int
    /// The distinct rows.
    public let rows: Int
}
