/// Reads a JSON document a person wrote (run configs, batches, mapping tables), collecting every
/// problem with its JSON path instead of stopping at the first: unknown keys get a "did you mean"
/// hint, wrong types say what was found. The document kinds add their own readers as extensions
/// (`DocumentReader+RunConfig`, `DocumentReader+MappingTable`).
public struct DocumentReader: Sendable {
    /// Every problem found so far, in reading order.
    public private(set) var problems: [DocumentProblem] = []

    /// A reader with no problems yet.
    public init() {}

    /// Records a problem at `path`.
    public mutating func problem(_ path: String, _ message: String) {
        problems.append(DocumentProblem(path: path, message: message))
    }

    /// `key` under `path` (`source` + `cap` → `source.cap`; at the top, just the key).
    public func join(_ path: String, _ key: String) -> String {
        path.isEmpty || path == "$" ? key : "\(path).\(key)"
    }

    /// The closest of `candidates` to `word`, for "did you mean" hints.
    public func closest(_ word: String, _ candidates: [String]) -> String? {
        Suggestions.closest(word, among: candidates)
    }

    /// Records every key of `object` not in `allowed`, each with the closest allowed one as a hint.
    public mutating func checkKeys(_ object: [String: JSONValue], allowed: [String], at path: String) {
        for key in object.keys.sorted() where !allowed.contains(key) {
            var message = "unknown key \"\(key)\""
            if let suggestion = closest(key, allowed) { message += "; did you mean \"\(suggestion)\"?" }
            problem(join(path, key), message)
        }
    }

    /// The members of an object at `path` (its unknown keys recorded); `nil`, with a problem when
    /// `required`, when it is missing or not an object.
    public mutating func object(_ value: JSONValue?, at path: String, allowed: [String], required: Bool = true)
        -> [String: JSONValue]?
    {
        guard let value else {
            if required { problem(path, "missing") }
            return nil
        }
        guard let members = value.objectValue else {
            problem(path, "must be an object, found \(value.typeName)")
            return nil
        }
        checkKeys(members, allowed: allowed, at: path)
        return members
    }

    /// A text at `path`; `nil` when absent (a problem when `required`) or not a text.
    public mutating func string(_ value: JSONValue?, at path: String, required: Bool = false) -> String? {
        guard let value, !value.isNull else {
            if required { problem(path, "missing") }
            return nil
        }
        guard let text = value.stringValue else {
            problem(path, "must be a text, found \(value.typeName)")
            return nil
        }
        if required && text.trimmedWhitespace().isEmpty { problem(path, "must not be empty") }
        return text
    }

    /// A flag at `path`, or `fallback` when absent.
    public mutating func bool(_ value: JSONValue?, at path: String, default fallback: Bool) -> Bool {
        guard let value else { return fallback }
        guard let flag = value.boolValue else {
            problem(path, "must be true or false, found \(value.typeName)")
            return fallback
        }
        return flag
    }

    /// A whole number within `range` at `path`, or `fallback` when absent.
    public mutating func integer(_ value: JSONValue?, at path: String, range: ClosedRange<Int>, default fallback: Int)
        -> Int
    {
        guard let value else { return fallback }
        guard let number = value.intValue, range.contains(number) else {
            problem(
                path, "must be a whole number from \(range.lowerBound) to \(range.upperBound), found \(value.jsonText)")
            return fallback
        }
        return number
    }

    /// A text or a list of texts (numbers read as text) at `path`; empty when absent.
    public mutating func stringList(_ value: JSONValue?, at path: String) -> [String] {
        guard let value else { return [] }
        if let text = value.stringValue { return [text] }
        guard let elements = value.arrayValue else {
            problem(path, "must be a text or a list of texts")
            return []
        }
        var result: [String] = []
        for (offset, element) in elements.enumerated() {
            if let text = element.scalarText {
                result.append(text)
            } else {
                problem("\(path)[\(offset)]", "must be a text")
            }
        }
        return result
    }

    /// Which of `name` and its alias `alias` the object uses (a problem when it uses both).
    public mutating func aliased(_ object: [String: JSONValue], _ name: String, _ alias: String, at path: String)
        -> String
    {
        if object[name] != nil, object[alias] != nil {
            problem(join(path, alias), "is another name for \"\(name)\"; give one of them")
        }
        return object[name] == nil && object[alias] != nil ? alias : name
    }
}
