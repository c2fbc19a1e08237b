/// The type of a mapped value: what a target field stores and what a custom field declares.
public enum FieldType: String, Sendable, Hashable, CaseIterable {
    case text
    case number
    case integer
    case boolean
    /// ISO-8601 date or date-time.
    case date
    /// A person: an email, or an object with `email`, `name`, `id`.
    case user
    /// One option of a choice field (Jira `option`): stored as its text.
    case select
    /// Several options: stored as an array of texts.
    case multiSelect = "multi-select"
    /// An array of texts.
    case labels
    /// Any JSON.
    case json

    /// Whether a value of type `self` may be written to a target of type `target`.
    public func canFeed(_ target: FieldType) -> Bool {
        if self == target || target == .json { return true }
        switch (self, target) {
        case (.integer, .number), (.number, .integer): return true
        case (.select, .text), (.text, .select): return true
        case (.multiSelect, .labels), (.labels, .multiSelect): return true
        case (.date, .text): return true
        default: return false
        }
    }
}
