import ImportCore

/// Reads Jira's answers strictly: a list the API documents is a list, a flag that ends a listing is
/// a flag, a count is a count. A malformed answer is an error (`JiraErrors.malformed`), never "no
/// issues": treated as empty, it would complete a job with nothing and let delete reconciliation
/// mark every task deleted.
enum JiraAnswer {
    /// The array at `key`; an error when it is missing or not an array.
    static func list(_ answer: JSONValue, _ key: String, context: String) throws(ProviderError) -> [JSONValue] {
        guard let value = answer[key] else {
            throw JiraErrors.malformed(context: context, detail: "\"\(key)\" is missing")
        }
        guard let elements = value.arrayValue else {
            throw JiraErrors.malformed(context: context, detail: "\"\(key)\" is \(value.typeName), not a list")
        }
        return elements
    }

    /// The answer itself as an array (endpoints that answer with a bare list).
    static func list(_ answer: JSONValue, context: String) throws(ProviderError) -> [JSONValue] {
        guard let elements = answer.arrayValue else {
            throw JiraErrors.malformed(context: context, detail: "the answer is \(answer.typeName), not a list")
        }
        return elements
    }

    /// The ids of `items` (objects with an `id` as text or number); an error for any item without one.
    static func ids(_ items: [JSONValue], context: String, key: String = "id") throws(ProviderError) -> [String] {
        var ids: [String] = []
        ids.reserveCapacity(items.count)
        for (index, item) in items.enumerated() {
            guard item.objectValue != nil else {
                throw JiraErrors.malformed(
                    context: context, detail: "entry \(index) is \(item.typeName), not an object")
            }
            guard let id = item[key]?.scalarText, !id.isEmpty else {
                throw JiraErrors.malformed(context: context, detail: "entry \(index) has no \"\(key)\"")
            }
            ids.append(id)
        }
        return ids
    }

    /// The flag at `key`: `nil` when absent, an error when it is not true or false.
    static func flag(_ answer: JSONValue, _ key: String, context: String) throws(ProviderError) -> Bool? {
        guard let value = answer[key], !value.isNull else { return nil }
        guard let flag = value.boolValue else {
            throw JiraErrors.malformed(context: context, detail: "\"\(key)\" is \(value.typeName), not true or false")
        }
        return flag
    }

    /// The text at `key`: `nil` when absent, an error when it is not text.
    static func text(_ answer: JSONValue, _ key: String, context: String) throws(ProviderError) -> String? {
        guard let value = answer[key], !value.isNull else { return nil }
        guard let text = value.stringValue else {
            throw JiraErrors.malformed(context: context, detail: "\"\(key)\" is \(value.typeName), not text")
        }
        return text
    }

    /// The count at `key`: `nil` when absent, an error when it is not a whole number ≥ 0.
    static func count(_ answer: JSONValue, _ key: String, context: String) throws(ProviderError) -> Int? {
        guard let value = answer[key], !value.isNull else { return nil }
        guard let number = value.intValue, number >= 0 else {
            throw JiraErrors.malformed(
                context: context, detail: "\"\(key)\" is \(value.jsonText.prefix(40)), not a count")
        }
        return number
    }

    /// Like `count`, but the count must be there.
    static func requiredCount(_ answer: JSONValue, _ key: String, context: String) throws(ProviderError) -> Int {
        guard let number = try count(answer, key, context: context) else {
            throw JiraErrors.malformed(context: context, detail: "\"\(key)\" is missing")
        }
        return number
    }
}
