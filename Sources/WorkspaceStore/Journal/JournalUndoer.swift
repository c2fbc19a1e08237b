import ImportCore

/// Undoes journal entries one at a time, newest first: an insert is deleted, an update's row is
/// given its before-image back, a deleted row is inserted again with its rowid. Values are read
/// from the image by SQLite itself (`json_extract`), so every type comes back as it was stored.
struct JournalUndoer {
    let db: SQLiteDatabase
    /// Whether a row a later job put at a deleted row's rowid gives way (`--force` only: without it
    /// such a later change refuses the revert before anything is undone).
    let force: Bool
    private var columns: [String: [ChangeJournal.Column]] = [:]

    init(db: SQLiteDatabase, force: Bool) {
        self.db = db
        self.force = force
    }

    /// Undoes the journal row `entry` (`id, table_name, row_id, action, before_json`) and says what it was.
    mutating func undo(_ entry: SQLRow) throws -> JournalEntry.Action {
        guard let table = entry.string("table_name"), ChangeJournal.tables.contains(table),
            let rowID = entry.int64("row_id"), let action = entry.string("action").flatMap(JournalEntry.Action.init)
        else {
            throw WorkspaceError.invalid(
                "the change journal holds an entry this version cannot undo (\(entry.string("table_name") ?? "?")); nothing was reverted"
            )
        }
        if action == .insert {
            try db.execute("DELETE FROM \(table) WHERE rowid = ?", [.integer(rowID)])
            return action
        }
        guard let image = entry.string("before_json"), let keys = try JSONParser.parse(image).objectValue?.keys
        else {
            throw WorkspaceError.invalid(
                "the change journal lacks the earlier state of a row of \(table); nothing was reverted")
        }
        let known = try columns(of: table)
        let restored = known.filter { keys.contains($0.name) }
        let value = { (name: String) in "json_extract(?1, '$.\"\(name)\"')" }
        if action == .update {
            let assignments = restored.map { "\"\($0.name)\" = \(value($0.name))" }.joined(separator: ", ")
            try db.execute("UPDATE \(table) SET \(assignments) WHERE rowid = ?2", [.text(image), .integer(rowID)])
            return action
        }
        if force { try db.execute("DELETE FROM \(table) WHERE rowid = ?", [.integer(rowID)]) }
        // A table without an INTEGER PRIMARY KEY keeps its rowid apart from its columns.
        let withRowID = !known.contains(where: \.isRowID)
        let names = (withRowID ? ["rowid"] : []) + restored.map { "\"\($0.name)\"" }
        let values = (withRowID ? [value("rowid")] : []) + restored.map { value($0.name) }
        try db.execute(
            "INSERT INTO \(table) (\(names.joined(separator: ", "))) VALUES (\(values.joined(separator: ", ")))",
            [.text(image)])
        return action
    }

    private mutating func columns(of table: String) throws -> [ChangeJournal.Column] {
        if let known = columns[table] { return known }
        let found = try ChangeJournal.columns(of: table, in: db)
        columns[table] = found
        return found
    }
}
