import Foundation

/// One step of a rule's transform chain. Scalar transforms apply to each element of an array;
/// `null` passes through every transform unchanged.
public enum Transform: Sendable, Hashable, CustomStringConvertible {
    case text, trim, lowercase, uppercase
    /// At most n characters, never splitting a grapheme (an emoji with modifiers counts as one).
    case truncate(NumberArgument)
    case adfToText, markdownToText, htmlToText
    /// Jira wiki markup (Data Center's text) to plain text; anything but text (an ADF document) passes
    /// through untouched, so `["wikiToText", "adfToText"]` reads both deployments.
    case wikiToText
    /// Parse the source's timestamp and write ISO-8601 UTC; a bare date stays a date.
    case date
    /// The calendar day (`yyyy-MM-dd`, UTC) of a timestamp.
    case day
    case number, integer, boolean
    case multiply(NumberArgument)
    case divide(NumberArgument)
    /// Arrays to text with a separator (default `, `).
    case join(String)
    case split(String)
    case first, last
    /// At most n elements of an array.
    case limit(NumberArgument)
    /// Remove null and empty-text elements of an array.
    case compact
    /// Fill a template: `{value}` is the input, `{name}` a parameter, else a source path.
    case template(TemplateText)
    /// Seconds from a number or a duration text such as Jira's `3h 20m` or `1w 2d` (a day is
    /// `hoursPerDay` hours, default 8; a week `daysPerWeek` days, default 5, as Jira counts).
    case duration
    /// A source's person object to `{email, name, id}` (Jira, Asana, Linear, ClickUp shapes).
    case user
    /// A choice field's option (`{"value": …}` or `{"name": …}`) to its text.
    case option
    /// A custom field that lists its options (`type_config.options`) to the name of the option its
    /// `value` selects, by option id or by `orderindex` (ClickUp's drop_down); a `value` selecting
    /// several (a labels field) gives their names.
    case choice
    /// A sprint (Jira Cloud's object, or Data Center's `…Sprint@1f[id=1,state=CLOSED,name=…]` text) to
    /// `{id, name, state, startDate, endDate, completeDate}`, dates in ISO-8601 UTC; anything else is left out.
    case sprint

    /// Every transform name, for messages and suggestions.
    public static let names = [
        "text", "trim", "lowercase", "uppercase", "truncate", "adfToText", "markdownToText", "htmlToText", "wikiToText",
        "date",
        "day",
        "number", "integer", "boolean", "multiply", "divide", "join", "split", "first", "last", "limit", "compact",
        "template", "duration", "user", "option", "choice", "sprint",
    ]

    /// Names that take an argument, and whether it is required.
    static let argumentRequired: [String: Bool] = [
        "truncate": true, "multiply": true, "divide": true, "limit": true, "template": true, "join": false,
        "split": false,
    ]

    /// The transform's name in tables.
    public var name: String {
        switch self {
        case .text: return "text"
        case .trim: return "trim"
        case .lowercase: return "lowercase"
        case .uppercase: return "uppercase"
        case .truncate: return "truncate"
        case .adfToText: return "adfToText"
        case .markdownToText: return "markdownToText"
        case .htmlToText: return "htmlToText"
        case .wikiToText: return "wikiToText"
        case .date: return "date"
        case .day: return "day"
        case .number: return "number"
        case .integer: return "integer"
        case .boolean: return "boolean"
        case .multiply: return "multiply"
        case .divide: return "divide"
        case .join: return "join"
        case .split: return "split"
        case .first: return "first"
        case .last: return "last"
        case .limit: return "limit"
        case .compact: return "compact"
        case .template: return "template"
        case .duration: return "duration"
        case .user: return "user"
        case .option: return "option"
        case .choice: return "choice"
        case .sprint: return "sprint"
        }
    }

    /// The transform as a table writes it (`truncate(200)`).
    public var description: String {
        switch self {
        case .truncate(let n), .multiply(let n), .divide(let n), .limit(let n): return "\(name)(\(n))"
        case .join(let separator), .split(let separator): return "\(name)(\(separator))"
        case .template(let template): return "template(\(template.source))"
        default: return name
        }
    }

    /// The type a transform produces, when it fixes one (for the validator's type checks).
    var outputType: FieldType? {
        switch self {
        case .text, .trim, .lowercase, .uppercase, .truncate, .adfToText, .markdownToText, .htmlToText, .wikiToText,
            .join,
            .template, .option:
            return .text
        case .date, .day: return .date
        case .number, .multiply, .divide: return .number
        case .integer, .duration: return .integer
        case .boolean: return .boolean
        case .user: return .user
        case .split: return .labels
        case .sprint: return .json
        case .first, .last, .limit, .compact, .choice: return nil
        }
    }

    /// Whether the transform works on whole arrays rather than element by element.
    var isArrayTransform: Bool {
        switch self {
        case .join, .first, .last, .limit, .compact: return true
        default: return false
        }
    }

    /// Parses `name` or `name(argument)`.
    static func parse(_ text: String) -> Result<Transform, TransformParseError> {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        var name = trimmed
        var argument: String?
        if let open = trimmed.firstIndex(of: "("), trimmed.hasSuffix(")") {
            name = String(trimmed[..<open])
            argument = String(trimmed[trimmed.index(after: open)..<trimmed.index(before: trimmed.endIndex)])
        }
        return parse(name: name, argument: argument.map(JSONValue.string))
    }

    /// Parses the object form `{"truncate": 200}`.
    static func parse(name: String, argument: JSONValue?) -> Result<Transform, TransformParseError> {
        guard names.contains(name) else {
            return .failure(.unknown(name: name, suggestion: closestName(name)))
        }
        if argumentRequired[name] == true, argument == nil || argument?.scalarText?.isEmpty == true {
            return .failure(.missingArgument(name: name))
        }
        if argumentRequired[name] == nil, let argument, !(argument.scalarText?.isEmpty ?? false) {
            return .failure(.unexpectedArgument(name: name, argument: argument.scalarText ?? argument.jsonText))
        }
        func number() -> Result<NumberArgument, TransformParseError> {
            if let value = argument?.doubleValue { return .success(.literal(value)) }
            let text = (argument?.stringValue ?? "").trimmingCharacters(in: .whitespaces)
            if let value = Double(text) { return .success(.literal(value)) }
            if text.first?.isLetter == true, text.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }) {
                return .success(.parameter(text))
            }
            return .failure(.badArgument(name: name, argument: text, expected: "a number or a parameter name"))
        }
        switch name {
        case "text": return .success(.text)
        case "trim": return .success(.trim)
        case "lowercase": return .success(.lowercase)
        case "uppercase": return .success(.uppercase)
        case "truncate":
            return number().flatMap { value in
                if case .literal(let n) = value, n < 1 || n != n.rounded() {
                    return .failure(
                        .badArgument(name: name, argument: value.description, expected: "a whole number ≥ 1"))
                }
                return .success(.truncate(value))
            }
        case "adfToText": return .success(.adfToText)
        case "markdownToText": return .success(.markdownToText)
        case "htmlToText": return .success(.htmlToText)
        case "wikiToText": return .success(.wikiToText)
        case "date": return .success(.date)
        case "day": return .success(.day)
        case "number": return .success(.number)
        case "integer": return .success(.integer)
        case "boolean": return .success(.boolean)
        case "multiply": return number().map { .multiply($0) }
        case "divide":
            return number().flatMap { value in
                if case .literal(0) = value {
                    return .failure(.badArgument(name: name, argument: "0", expected: "a number other than 0"))
                }
                return .success(.divide(value))
            }
        case "join": return .success(.join(argument?.scalarText ?? ", "))
        case "split": return .success(.split(argument?.scalarText ?? ","))
        case "first": return .success(.first)
        case "last": return .success(.last)
        case "limit":
            return number().flatMap { value in
                if case .literal(let n) = value, n < 0 || n != n.rounded() {
                    return .failure(
                        .badArgument(name: name, argument: value.description, expected: "a whole number ≥ 0"))
                }
                return .success(.limit(value))
            }
        case "compact": return .success(.compact)
        case "template":
            switch TemplateText.parse(argument?.scalarText ?? "") {
            case .success(let template): return .success(.template(template))
            case .failure(let error):
                return .failure(.badArgument(name: name, argument: error.message, expected: "a template"))
            }
        case "duration": return .success(.duration)
        case "user": return .success(.user)
        case "option": return .success(.option)
        case "choice": return .success(.choice)
        case "sprint": return .success(.sprint)
        default: return .failure(.unknown(name: name, suggestion: closestName(name)))
        }
    }

    static func closestName(_ name: String) -> String? {
        Suggestions.closest(name, among: names)
    }

    // MARK: Applying

    /// Applies the transform to `value` (nil stays nil).
    func apply(_ value: JSONValue?, context: EvaluationContext) throws(TransformError) -> JSONValue? {
        guard let value, !value.isNull else { return nil }
        if !isArrayTransform, case .array(let elements) = value, !(self == .adfToText) {
            var results: [JSONValue] = []
            for element in elements {
                if let result = try applyScalar(element, context: context) { results.append(result) }
            }
            return .array(results)
        }
        return try applyScalar(value, context: context)
    }

    private func applyScalar(_ value: JSONValue, context: EvaluationContext) throws(TransformError) -> JSONValue? {
        switch self {
        case .text:
            guard let text = value.scalarText else {
                if let number = value.doubleValue, !number.isFinite {
                    throw TransformError("the number is too large to hold (beyond ±1.8e308)")
                }
                throw TransformError("expected text, found \(value.typeName)")
            }
            return .string(text)
        case .trim:
            return try mapText(value) { $0.trimmedWhitespace() }
        case .lowercase:
            return try mapText(value) { $0.lowercased() }
        case .uppercase:
            return try mapText(value) { $0.uppercased() }
        case .truncate(let count):
            // Counted in Unicode scalars, as a database counts, never splitting a character.
            let resolved = try count.resolve(context.params)
            let limit = resolved.isFinite ? Int(max(0, min(resolved, 1e9))) : 0
            return try mapText(value) { $0.prefix(scalars: limit) }
        case .adfToText:
            do {
                return try ADFText.plainText(value).map(JSONValue.string)
            } catch {
                throw TransformError(error.message)
            }
        case .markdownToText:
            // An empty description (ClickUp's "") is no text at all, as an empty HTML or ADF document is.
            guard case .string(let markdown) = value else { return try mapText(value) { MarkdownText.plainText($0) } }
            let text = MarkdownText.plainText(markdown)
            return text.allSatisfy(\.isWhitespace) ? nil : .string(text)
        case .htmlToText:
            // An empty document (Asana's `<body></body>`) is no text at all, as an empty ADF document is.
            guard case .string(let html) = value else { return try mapText(value) { HTMLText.plainText($0) } }
            let text = HTMLText.plainText(html)
            return text.allSatisfy(\.isWhitespace) ? nil : .string(text)
        case .wikiToText:
            guard case .string(let text) = value else { return value }
            return .string(WikiText.plainText(text))
        case .date, .day:
            guard let text = value.scalarText else {
                throw TransformError("expected a timestamp, found \(value.typeName)")
            }
            if text.isEmpty { return nil }
            guard let stamp = Timestamp.parse(text) else {
                throw TransformError("\"\(text.prefix(40))\" is not a timestamp")
            }
            let isBareDate = text.count == 10 && text.dropFirst(4).first == "-"
            if self == .day || isBareDate { return .string(String(stamp.iso8601.prefix(10))) }
            return .string(stamp.iso8601)
        case .number, .integer:
            let number: Double
            switch value {
            case .number(let n):
                guard n.isFinite else { throw TransformError("the number is too large to hold (beyond ±1.8e308)") }
                number = n
            case .string(let text):
                let trimmed = text.trimmedWhitespace()
                if trimmed.isEmpty { return nil }
                guard let n = Double(trimmed), n.isFinite else {
                    throw TransformError("\"\(text.prefix(40))\" is not a number")
                }
                number = n
            case .bool(let flag): number = flag ? 1 : 0
            default: throw TransformError("expected a number, found \(value.typeName)")
            }
            return .number(self == .integer ? number.rounded(.towardZero) : number)
        case .boolean:
            switch value {
            case .bool: return value
            case .number(let n): return .bool(n != 0)
            case .string(let text):
                switch text.lowercased() {
                case "true", "yes", "1", "done", "on": return .bool(true)
                case "false", "no", "0", "", "off": return .bool(false)
                default: throw TransformError("\"\(text.prefix(40))\" is not a boolean")
                }
            default: throw TransformError("expected a boolean, found \(value.typeName)")
            }
        case .multiply(let factor):
            let number = try Transform.number.applyScalar(value, context: context)
            guard let n = number?.doubleValue else { return nil }
            return .number(n * (try factor.resolve(context.params)))
        case .divide(let divisor):
            let number = try Transform.number.applyScalar(value, context: context)
            guard let n = number?.doubleValue else { return nil }
            let by = try divisor.resolve(context.params)
            guard by != 0 else { throw TransformError("division by zero") }
            return .number(n / by)
        case .join(let separator):
            guard case .array(let elements) = value else { return value.scalarText.map(JSONValue.string) }
            return .string(elements.compactMap(\.scalarText).joined(separator: separator))
        case .split(let separator):
            guard let text = value.stringValue else { throw TransformError("expected text, found \(value.typeName)") }
            return .array(
                text.components(separatedBy: separator).map { $0.trimmingCharacters(in: .whitespaces) }
                    .filter { !$0.isEmpty }.map(JSONValue.string))
        case .first:
            guard case .array(let elements) = value else { return value }
            return elements.first
        case .last:
            guard case .array(let elements) = value else { return value }
            return elements.last
        case .limit(let count):
            guard case .array(let elements) = value else { return value }
            return .array(Array(elements.prefix(Int(try count.resolve(context.params)))))
        case .compact:
            guard case .array(let elements) = value else { return value }
            return .array(elements.filter { !$0.isNull && $0.stringValue?.isEmpty != true })
        case .template(let template):
            return .string(template.render(input: value, context: context))
        case .duration:
            return try Transform.seconds(value, params: context.params)
        case .user:
            return context.people.person(value)
        case .option:
            if let text = value["value"]?.scalarText ?? value["name"]?.scalarText ?? value.scalarText {
                return .string(text)
            }
            throw TransformError("expected an option, found \(value.typeName)")
        case .choice:
            guard let options = value["type_config"]?["options"]?.arrayValue else {
                throw TransformError("expected a field with type_config.options, found \(value.typeName)")
            }
            func name(_ selected: JSONValue) -> JSONValue? {
                guard let key = selected.scalarText else { return nil }
                let option = options.first { $0["id"]?.scalarText == key || $0["orderindex"]?.scalarText == key }
                return (option?["name"] ?? option?["label"])?.stringValue.map(JSONValue.string)
            }
            switch value["value"] {
            case nil, .some(.null): return nil
            case .some(.array(let selected)): return .array(selected.compactMap(name))
            case .some(let selected): return name(selected)
            }
        case .sprint:
            // A value that is no sprint (a site whose customfield_10020 is another field) is left out.
            return SprintValue.parse(value)
        }
    }

    private func mapText(_ value: JSONValue, _ body: (String) -> String) throws(TransformError) -> JSONValue? {
        guard let text = value.scalarText else {
            throw TransformError("\(name) expects text, found \(value.typeName)")
        }
        return .string(body(text))
    }

    /// Seconds in a duration value.
    static func seconds(_ value: JSONValue, params: [String: JSONValue]) throws(TransformError) -> JSONValue? {
        if let number = value.doubleValue { return .number(number.rounded(.towardZero)) }
        guard let text = value.stringValue?.trimmedWhitespace() else {
            throw TransformError("expected a duration, found \(value.typeName)")
        }
        if text.isEmpty { return nil }
        if let number = Double(text) { return .number(number.rounded(.towardZero)) }
        let hoursPerDay = params["hoursPerDay"]?.doubleValue ?? 8
        let daysPerWeek = params["daysPerWeek"]?.doubleValue ?? 5
        let units: [Character: Double] = [
            "w": daysPerWeek * hoursPerDay * 3600, "d": hoursPerDay * 3600, "h": 3600, "m": 60, "s": 1,
        ]
        var total = 0.0
        for part in text.split(whereSeparator: { $0 == " " || $0 == "," }) {
            guard let unit = part.last, let factor = units[Character(unit.lowercased())],
                let amount = Double(part.dropLast())
            else { throw TransformError("\"\(text.prefix(40))\" is not a duration such as \"3h 20m\"") }
            total += amount * factor
        }
        return .number(total.rounded(.towardZero))
    }

}
