/// Matches people whose email the source hides (or spells differently) to workspace users: source
/// account id or source email → workspace email, from the run config's `people.map` and the file its
/// `people.mapFile` names. Account ids match exactly; emails ignoring case. The import never creates
/// a workspace user: a mapped email still has to be one.
public struct UserMap: Sendable, Hashable {
    /// Account id or lower-cased email → workspace email.
    public private(set) var entries: [String: String]

    /// A map from `entries` (account id or source email → workspace email).
    public init(_ entries: [String: String] = [:]) {
        var normalized: [String: String] = [:]
        for (key, value) in entries {
            normalized[key.contains("@") ? key.lowercased() : key] = value
        }
        self.entries = normalized
    }

    /// Whether it maps nobody.
    public var isEmpty: Bool { entries.isEmpty }

    /// The map with `other`'s entries added; `other` wins where both name the same person.
    public func merging(_ other: UserMap) -> UserMap {
        var merged = self
        merged.entries.merge(other.entries) { $1 }
        return merged
    }

    /// The workspace email `person` maps to, if the map names them (by account id first).
    public func workspaceEmail(for person: UserReference) -> String? {
        if let id = person.externalID, let email = entries[id] { return email }
        if let email = person.email, let mapped = entries[email.lowercased()] { return mapped }
        return nil
    }

    /// `person` with the workspace email the map gives them (the source's id and name kept).
    public func apply(_ person: UserReference) -> UserReference {
        guard let email = workspaceEmail(for: person) else { return person }
        return UserReference(email: email, displayName: person.displayName, externalID: person.externalID)
    }

    /// A stable digest of the entries, so a changed map counts as a changed mapping.
    public var fingerprint: String {
        ContentHash.short(.object(entries.mapValues(JSONValue.string)))
    }
}
