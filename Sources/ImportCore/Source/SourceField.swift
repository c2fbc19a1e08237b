/// A field the source knows, so that mapping tables can name custom fields by display name.
public struct SourceField: Sendable, Hashable {
    public let id: String
    public let name: String
    public let isCustom: Bool
    /// The source's type description (Jira `schema.type`, with `schema.items` for arrays: `array<string>`).
    public let type: String?

    public init(id: String, name: String, isCustom: Bool, type: String?) {
        self.id = id
        self.name = name
        self.isCustom = isCustom
        self.type = type
    }
}
