extension MappingTable {
    /// Custom field aliases resolved to field ids: through the source's field list when given
    /// (id first, then display name), else each alias's first id.
    public func resolveFieldIDs(_ fields: [SourceField]?) -> [String: String] {
        var result: [String: String] = [:]
        for (alias, spec) in customFields {
            if let fields, let field = MappingValidator.resolve(spec, in: fields) {
                result[alias] = field.id
            } else if let id = spec.ids.first {
                result[alias] = id
            }
        }
        return result
    }
}
