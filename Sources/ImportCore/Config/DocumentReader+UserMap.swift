extension DocumentReader {
    /// A user map read from `value` (`{"<account id or source email>": "<workspace email>"}`), every
    /// problem recorded at `path`.
    mutating func userMap(_ value: JSONValue?, at path: String) -> UserMap {
        guard let value else { return UserMap() }
        guard let members = value.objectValue else {
            problem(
                path,
                "must map account ids or source emails to workspace emails, e.g. {\"5b10a2844c20165700ede21g\": \"ana@example.com\"}"
            )
            return UserMap()
        }
        var entries: [String: String] = [:]
        for (key, email) in members.sorted(by: { $0.key < $1.key }) {
            guard let text = email.stringValue, text.contains("@"), !key.isEmpty else {
                problem(join(path, key), "must be the workspace user's email, found \(email.jsonText.prefix(40))")
                continue
            }
            entries[key] = text
        }
        return UserMap(entries)
    }
}
