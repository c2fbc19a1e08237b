extension UserReference {
    /// The person as stored beside a task (`assignees_json`): `{id, email, name}`, only what is known.
    public var jsonValue: JSONValue {
        var object: [String: JSONValue] = [:]
        if let externalID { object["id"] = .string(externalID) }
        if let email { object["email"] = .string(email) }
        if let displayName { object["name"] = .string(displayName) }
        return .object(object)
    }
}
