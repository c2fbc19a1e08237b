/// A field the source knows, so that mapping tables can name custom fields by display name.
public struct SourceField: Sendable, Hashable {
    /// The field's id (`customfield_10016`).
    public let id: String
    /// Its name (`Story Points`).
    public let name: String
    /// Whether a site added it.
    public let isCustom: Bool
    /// The source's type description (Jira `schema.type`, with `schema.items` for arrays: `array<string>`).
    public let type: String?

    /// A field.
    public init(id: String, name: String, isCustom: Bool, type: String?) {
        self.id = id
        self.name = name
        self.isCustom = isCustom
        self.type = type
    }
}
