import ImportCore

extension Workspace {
    /// Every owner in this database, by email.
    public func owners() throws -> [Owner] {
        try db.query("SELECT id, email FROM owners ORDER BY email").compactMap { row in
            guard let id = row.int64("id"), let email = row.string("email") else { return nil }
            return Owner(id: id, email: email)
        }
    }

    /// The owners that have a connection named `name` (revoked ones included), by email.
    public func owners(withConnection name: String) throws -> [Owner] {
        try db.query(
            """
            SELECT owners.id AS id, owners.email AS email FROM owners
            JOIN connections ON connections.owner_id = owners.id WHERE connections.name = ? ORDER BY owners.email
            """, [.text(name)]
        ).compactMap { row in
            guard let id = row.int64("id"), let email = row.string("email") else { return nil }
            return Owner(id: id, email: email)
        }
    }
}
