import ImportCore

extension Workspace {
    /// Gives the owner's rows from `source` whose instance is `legacy` (the base URL recorded for rows
    /// written before instances were known) the connection's real instance, so a re-import after the
    /// upgrade updates them in place instead of duplicating them. Returns the rows adopted.
    @discardableResult
    public func adoptRows(owner: Owner, source: String, from legacy: String, to instance: String) throws -> Int {
        var adopted = 0
        for table in WorkspaceSchema.importedTables {
            adopted += try db.execute(
                "UPDATE \(table) SET external_instance = ? WHERE owner_id = ? AND external_source = ? AND external_instance = ?",
                [.text(instance), .integer(owner.id), .text(source), .text(legacy)])
        }
        return adopted
    }
}
