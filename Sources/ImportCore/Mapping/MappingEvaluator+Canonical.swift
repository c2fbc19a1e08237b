extension MappingEvaluator {
    /// Maps one raw record all the way to a canonical task.
    public func canonical(_ record: JSONValue, source: String) throws(MappingError) -> CanonicalTask {
        let (mapped, _) = try map(record)
        return try CanonicalBuilder.task(mapped, source: source, label: label(of: record), people: table.people)
    }
}
