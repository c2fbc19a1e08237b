/// Where a source's person objects keep the id, email and name (`"people": {"id": [...], ...}`), so
/// the `user` transform and person targets read every provider's shape without guessing.
public struct PeopleShape: Sendable, Hashable {
    /// Keys holding the person's immutable id, first found wins.
    public let id: [String]
    /// Keys holding the email (absent when the source hides it).
    public let email: [String]
    /// Keys holding the display name.
    public let name: [String]

    /// A shape.
    public init(id: [String], email: [String], name: [String]) {
        self.id = id
        self.email = email
        self.name = name
    }

    private static let canonicalKeys: Set<String> = ["id", "email", "name"]

    /// What a table that declares no `people` reads: the keys of the four providers' shapes.
    public static let common = PeopleShape(
        id: ["accountId", "gid", "id", "key"], email: ["emailAddress", "email"],
        name: ["displayName", "name", "username"])

    /// The shape `person(_:)` writes: what the `user` transform hands on to the person targets.
    public static let canonical = PeopleShape(id: ["id"], email: ["email"], name: ["name"])

    /// `value` as `{email, name, id}` (a text is an email); `nil` when it names nobody. A value
    /// already in that form (no other keys) is read as it is, whatever this shape says, so reading
    /// a person twice gives the same person.
    public func person(_ value: JSONValue) -> JSONValue? {
        switch value {
        case .string(let text): return text.isEmpty ? nil : ["email": .string(text)]
        case .object(let members)
        where self != Self.canonical && !members.isEmpty && members.keys.allSatisfy(Self.canonicalKeys.contains):
            return Self.canonical.person(value)
        case .object:
            func first(_ keys: [String]) -> JSONValue? { keys.lazy.compactMap { value[$0] }.first }
            let email = first(self.email)
            let name = first(self.name)
            let id = first(self.id)
            if email == nil && name == nil && id == nil { return nil }
            return [
                "email": (email?.stringValue).map { $0.isEmpty ? JSONValue.null : .string($0) } ?? .null,
                "name": name?.scalarText.map(JSONValue.string) ?? .null,
                "id": id?.scalarText.map(JSONValue.string) ?? .null,
            ]
        default: return nil
        }
    }
}
