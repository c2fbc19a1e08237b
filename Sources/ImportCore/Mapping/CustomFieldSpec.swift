/// A custom field the table names by alias, resolved by id or display name through the provider's field list.
public struct CustomFieldSpec: Sendable, Hashable {
    /// The alias rules use (`storyPoints` for `$storyPoints`).
    public let alias: String
    /// Candidate ids, tried in order (`customfield_10016`).
    public let ids: [String]
    /// Candidate display names, tried in order after the ids ("Story point estimate", "Story Points").
    public let names: [String]
    /// The type of the field's values.
    public let type: FieldType

    /// A custom field found by id or by name.
    public init(alias: String, ids: [String], names: [String], type: FieldType) {
        self.alias = alias
        self.ids = ids
        self.names = names
        self.type = type
    }
}
