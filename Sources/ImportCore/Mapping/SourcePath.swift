/// A path into a raw record: dot-separated keys, array indexes and wildcards.
///
/// Syntax: `fields.status.statusCategory.key`, `fields.subtasks[*].fields.summary`, `fields.comment.comments[0]`,
/// `fields["Story Points"]` (quoted keys), `custom_fields[name=Priority]` (the elements whose `name` is
/// `Priority`, ignoring case: a filter that yields a list like `[*]`; the key may be a dotted path,
/// `labels[parent.name=Type]`, and `!=` keeps the other elements), `fields.$storyPoints` (a custom field alias declared in the
/// table's `customFields`, resolved to the source's field id), and a leading `^` to read from the
/// top-level record while mapping one of its children (`^key` inside a comment rule), or a leading `~`
/// to read from the enclosing element of a child mapped `within` another list (`~created` inside a
/// changelog item rule reads the history the item belongs to).
/// The empty path is the current item itself.
public struct SourcePath: Sendable, Hashable, CustomStringConvertible {
    /// One step of a path.
    public enum Segment: Sendable, Hashable {
        case key(String)
        /// A custom field alias (`$storyPoints`).
        case alias(String)
        case index(Int)
        case wildcard
        /// `[key=value]`: the elements whose `key` (a dotted path within the element) equals `value`,
        /// ignoring case; with `negated` (`[key!=value]`), the elements whose `key` does not.
        case filter(key: String, value: String, negated: Bool)
    }

    /// Whether the path starts at the record rather than the current child (`^`).
    public let fromRoot: Bool
    /// Whether the path starts at the enclosing `within` element rather than the current child (`~`).
    public let fromGroup: Bool
    /// The steps, in order.
    public let segments: [Segment]
    /// The path as written.
    public let text: String

    /// The path as written.
    public var description: String { text }

    /// Why a path does not parse: the message and the character offset.
    public struct SyntaxError: Error, Sendable, Equatable {
        /// What is wrong.
        public let message: String
        /// Where, as a character offset into the path.
        public let offset: Int
    }

    /// Parses a path, or says what is wrong and where.
    public init(parsing text: String) throws(SyntaxError) {
        self.text = text
        let chars = Array(text)
        var index = 0
        var fromRoot = false
        var fromGroup = false
        if chars.first == "^" || chars.first == "~" {
            fromRoot = chars.first == "^"
            fromGroup = chars.first == "~"
            index = 1
            if index < chars.count, chars[index] == "." { index += 1 }
        }
        var segments: [Segment] = []
        var expectSegment = true
        while index < chars.count {
            let c = chars[index]
            if c == "[" {
                guard let close = chars[index...].firstIndex(of: "]") else {
                    throw SyntaxError(message: "unclosed '['", offset: index)
                }
                let inner = String(chars[(index + 1)..<close])
                if inner == "*" {
                    segments.append(.wildcard)
                } else if let number = Int(inner), number >= 0 {
                    segments.append(.index(number))
                } else if inner.count >= 2, let quote = inner.first, quote == "\"" || quote == "'", inner.last == quote
                {
                    segments.append(.key(String(inner.dropFirst().dropLast())))
                } else if let equals = inner.firstIndex(of: "="), equals != inner.startIndex {
                    let negated = inner[..<equals].last == "!"
                    let keyEnd = negated ? inner.index(before: equals) : equals
                    let key = String(inner[..<keyEnd]).trimmingCharacters(in: .whitespaces)
                    guard !key.isEmpty else {
                        throw SyntaxError(message: "'[\(inner)]' has no key before '='", offset: index)
                    }
                    var value = String(inner[inner.index(after: equals)...]).trimmingCharacters(in: .whitespaces)
                    if value.count >= 2, let quote = value.first, quote == "\"" || quote == "'", value.last == quote {
                        value = String(value.dropFirst().dropLast())
                    }
                    segments.append(.filter(key: key, value: value, negated: negated))
                } else {
                    throw SyntaxError(
                        message: "'[\(inner)]' is not an index, [*], [key=value] or a quoted key", offset: index)
                }
                index = close + 1
                expectSegment = false
                continue
            }
            if c == "." {
                if expectSegment { throw SyntaxError(message: "empty segment", offset: index) }
                expectSegment = true
                index += 1
                continue
            }
            guard expectSegment || segments.isEmpty else {
                throw SyntaxError(message: "expected '.' or '[' before '\(c)'", offset: index)
            }
            var name = ""
            let start = index
            let isAlias = c == "$"
            if isAlias { index += 1 }
            while index < chars.count, chars[index] != ".", chars[index] != "[" {
                let ch = chars[index]
                guard ch.isLetter || ch.isNumber || ch == "_" || ch == "-" || ch == ":" else {
                    throw SyntaxError(
                        message: "unexpected character '\(ch)' in a key (quote it: [\"...\"])", offset: index)
                }
                name.append(ch)
                index += 1
            }
            if name.isEmpty {
                throw SyntaxError(message: isAlias ? "empty alias after '$'" : "empty segment", offset: start)
            }
            segments.append(isAlias ? .alias(name) : .key(name))
            expectSegment = false
        }
        if expectSegment && !segments.isEmpty {
            throw SyntaxError(message: "the path ends with '.'", offset: chars.count)
        }
        self.fromRoot = fromRoot
        self.fromGroup = fromGroup
        self.segments = segments
    }

    /// Whether the path can yield several values.
    public var hasWildcard: Bool { segments.contains { $0.yieldsList } }

    /// Custom field aliases the path uses.
    public var aliases: [String] {
        segments.compactMap {
            if case .alias(let name) = $0 { return name }
            return nil
        }
    }

    /// Evaluates the path. Missing keys and JSON null both give `nil`; a wildcard gives an array of
    /// the values found (missing ones left out).
    /// `group` is the enclosing `within` element (`~` paths read it; without one they read `item`).
    public func evaluate(item: JSONValue, root: JSONValue, fieldIDs: [String: String], group: JSONValue? = nil)
        -> JSONValue?
    {
        evaluate(segments[...], on: fromRoot ? root : fromGroup ? (group ?? item) : item, fieldIDs: fieldIDs)
    }

    private func evaluate(_ rest: ArraySlice<Segment>, on value: JSONValue, fieldIDs: [String: String]) -> JSONValue? {
        guard let segment = rest.first else { return value.isNull ? nil : value }
        let next = rest.dropFirst()
        switch segment {
        case .key(let key):
            guard let child = value[key] else { return nil }
            return evaluate(next, on: child, fieldIDs: fieldIDs)
        case .alias(let alias):
            guard let id = fieldIDs[alias], let child = value[id] else { return nil }
            return evaluate(next, on: child, fieldIDs: fieldIDs)
        case .index(let position):
            guard let child = value[position] else { return nil }
            return evaluate(next, on: child, fieldIDs: fieldIDs)
        case .wildcard, .filter:
            guard let elements = value.arrayValue else { return nil }
            var results: [JSONValue] = []
            for element in elements {
                if case .filter(let key, let wanted, let negated) = segment {
                    var member: JSONValue? = element
                    for part in key.split(separator: ".") { member = member?[String(part)] }
                    let equal = member?.scalarText?.caseInsensitiveCompare(wanted) == .orderedSame
                    if equal == negated { continue }
                }
                guard let found = evaluate(next, on: element, fieldIDs: fieldIDs) else { continue }
                if next.contains(where: \.yieldsList), case .array(let nested) = found {
                    results += nested
                } else {
                    results.append(found)
                }
            }
            return .array(results)
        }
    }

    /// The first key after `prefix` segments, resolving aliases (Jira's field id under `fields`).
    func key(after prefix: String, fieldIDs: [String: String]) -> String? {
        guard segments.count >= 2, segments[0] == .key(prefix) else { return nil }
        switch segments[1] {
        case .key(let key): return key
        case .alias(let alias): return fieldIDs[alias]
        default: return nil
        }
    }
}
