import ImportCore

// A job's change journal, for review (`tributary jobs show ID --changes`).
extension Workspace {
    /// The owner's job `jobID`'s changes, oldest first, at most `limit`.
    public func changes(owner: Owner, jobID: Int64, limit: Int) throws -> [JournalEntry] {
        guard try jobs.find(owner: owner, id: jobID) != nil else { throw WorkspaceError.jobNotFound(id: jobID) }
        return try journal.entries(jobID: jobID, limit: limit)
    }

    /// How many rows the owner's job `jobID` changed, by table and action.
    public func changeSummary(owner: Owner, jobID: Int64) throws -> [JournalSummary] {
        guard try jobs.find(owner: owner, id: jobID) != nil else { throw WorkspaceError.jobNotFound(id: jobID) }
        return try journal.summary(jobID: jobID)
    }

    /// Words that name the row an entry is about ("DEMO-12 Fix login", "comment 10042"): from its
    /// earlier state, or the row as it is now for an insert (`nil` when it is gone and had no image).
    public func label(of entry: JournalEntry) throws -> String? {
        let row: JSONValue?
        if let before = entry.before {
            row = before
        } else if ChangeJournal.tables.contains(entry.table),
            let current = try db.queryOne("SELECT * FROM \(entry.table) WHERE rowid = ?", [.integer(entry.rowID)])
        {
            var object: [String: JSONValue] = [:]
            for (index, name) in current.columnNames.enumerated() {
                object[name] = JSONValue(current.values[index].displayText)
            }
            row = .object(object)
        } else {
            row = nil
        }
        guard let row else { return nil }
        let named = ["external_key", "title", "name", "filename", "email", "field", "scope_fingerprint"].compactMap {
            row[$0]?.scalarText
        }
        let id = row["external_id"]?.scalarText.map { "#\($0)" }
        let words = (named.prefix(2) + (named.isEmpty ? [id].compactMap { $0 } : [])).joined(separator: " ")
        return words.isEmpty ? nil : words
    }
}
