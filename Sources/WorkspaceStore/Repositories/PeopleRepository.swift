import ImportCore

/// The source people an owner's imports name, and whether each matches a workspace user, so a user
/// can complete the user map (`tributary users --unmatched`). Reads only: people are never created.
public struct PeopleRepository: Sendable {
    let db: SQLiteDatabase

    /// Every person named by the owner's imported rows, plus (with `directory`) everyone in the stored
    /// user directories of the owner's connections, resolved through `map`; most-named first.
    public func people(owner: Owner, map: UserMap = UserMap(), directory: Bool = false) throws -> [SourcePerson] {
        struct Seen {
            var name: String?
            var email: String?
            var items = 0
        }
        var people: [String: [String: Seen]] = [:]
        let sql = """
            WITH named(source, person, email, name, task_id) AS (
                SELECT t.external_source, json_extract(a.value, '$.id'), json_extract(a.value, '$.email'),
                    json_extract(a.value, '$.name'), t.id
                FROM tasks t, json_each(t.assignees_json) a WHERE t.owner_id = ?1
                UNION ALL SELECT external_source, reporter_external_id, reporter_email, reporter_name, id
                FROM tasks WHERE owner_id = ?1 AND reporter_external_id IS NOT NULL
                UNION ALL SELECT external_source, author_external_id, author_email, author_name, task_id
                FROM comments WHERE owner_id = ?1 AND author_external_id IS NOT NULL
                UNION ALL SELECT external_source, author_external_id, author_email, author_name, task_id
                FROM worklogs WHERE owner_id = ?1 AND author_external_id IS NOT NULL
                UNION ALL SELECT external_source, author_external_id, author_email, author_name, task_id
                FROM attachments WHERE owner_id = ?1 AND author_external_id IS NOT NULL
                UNION ALL SELECT external_source, author_external_id, author_email, author_name, task_id
                FROM task_history WHERE owner_id = ?1 AND author_external_id IS NOT NULL
            )
            SELECT source, person, MAX(email) AS email, MAX(name) AS name, COUNT(DISTINCT task_id) AS items
            FROM named WHERE person IS NOT NULL GROUP BY source, person
            """
        try db.forEachRow(sql, [.integer(owner.id)]) { row in
            guard let source = row.string("source"), let person = row.string("person") else { return }
            people[source, default: [:]][person] = Seen(
                name: row.string("name"), email: row.string("email"), items: row.int("items") ?? 0)
        }
        // The directory knows the source's own email (rows may hold the mapped one) and those no item names.
        try db.forEachRow(
            """
            SELECT c.provider, r.external_id, r.name, json_extract(r.data_json, '$.emailAddress') AS email
            FROM reference_data r JOIN connections c ON c.id = r.connection_id
            WHERE r.owner_id = ? AND r.kind = 'users'
            """, [.integer(owner.id)]
        ) { row in
            guard let source = row.string("provider"), let person = row.string("external_id") else { return }
            guard var seen = people[source]?[person] ?? (directory ? Seen() : nil) else { return }
            seen.name = seen.name ?? row.string("name")
            if let email = row.string("email") { seen.email = email }
            people[source, default: [:]][person] = seen
        }
        var result: [SourcePerson] = []
        var known: [String: Bool] = [:]
        for (source, members) in people {
            for (id, seen) in members {
                let reference = UserReference(email: seen.email, displayName: seen.name, externalID: id)
                let email = map.workspaceEmail(for: reference) ?? seen.email
                var matched = false
                if let email {
                    let key = email.lowercased()
                    if known[key] == nil {
                        known[key] = try ProjectRepository(db: db).user(owner: owner, email: email) != nil
                    }
                    matched = known[key] ?? false
                }
                result.append(
                    SourcePerson(
                        source: source, accountID: id, displayName: seen.name, sourceEmail: seen.email,
                        workspaceEmail: email, matched: matched, items: seen.items))
            }
        }
        return result.sorted { ($1.items, $0.source, $0.accountID) < ($0.items, $1.source, $1.accountID) }
    }
}
