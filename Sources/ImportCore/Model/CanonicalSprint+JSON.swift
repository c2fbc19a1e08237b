extension CanonicalSprint {
    /// The sprint as stored (`sprints_json`): only the members it has.
    public var jsonValue: JSONValue {
        var object: [String: JSONValue] = ["name": .string(name)]
        for (key, value) in [
            ("id", id), ("state", state), ("startDate", startDate), ("endDate", endDate),
            ("completeDate", completeDate),
        ] {
            if let value { object[key] = .string(value) }
        }
        return .object(object)
    }
}
