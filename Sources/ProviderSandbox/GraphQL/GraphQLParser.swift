import Foundation

/// Parses GraphQL request documents (the executable part of the language: operations, fields with
/// aliases and arguments, variables, fragments, literals), reporting errors as graphql-js words them.
struct GraphQLParser {
    /// Why a document does not parse, and where.
    struct SyntaxError: Error, Sendable {
        let message: String
        let location: GraphQLLocation
    }

    private enum Token: Equatable {
        case punctuator(String)
        case name(String)
        case int(String)
        case float(String)
        case string(String)
        case end
    }

    private var tokens: [(token: Token, location: GraphQLLocation)] = []
    private var index = 0

    /// Longest document accepted, in characters, and deepest nesting.
    static let maxLength = 100_000
    static let maxDepth = 60

    /// The document in `text`, or where and why it is not one.
    static func parse(_ text: String) throws(SyntaxError) -> GraphQLDocument {
        guard text.count <= maxLength else {
            throw SyntaxError(
                message: "Syntax Error: Document too large.", location: GraphQLLocation(line: 1, column: 1))
        }
        var parser = GraphQLParser()
        parser.tokens = try Self.tokenize(text)
        return try parser.document()
    }

    // MARK: Lexing

    private static func tokenize(_ text: String) throws(SyntaxError) -> [(token: Token, location: GraphQLLocation)] {
        var tokens: [(token: Token, location: GraphQLLocation)] = []
        let chars = Array(text)
        var index = 0
        var line = 1
        var lineStart = 0
        func location(_ at: Int) -> GraphQLLocation { GraphQLLocation(line: line, column: at - lineStart + 1) }
        while index < chars.count {
            let c = chars[index]
            if c == "\n" {
                line += 1
                index += 1
                lineStart = index
                continue
            }
            if c == " " || c == "\t" || c == "\r" || c == "," || c == "\u{FEFF}" {
                index += 1
                continue
            }
            if c == "#" {
                while index < chars.count, chars[index] != "\n" { index += 1 }
                continue
            }
            let start = index
            if c == "." {
                guard index + 2 < chars.count, chars[index + 1] == ".", chars[index + 2] == "." else {
                    throw SyntaxError(message: "Syntax Error: Unexpected \".\".", location: location(start))
                }
                tokens.append((.punctuator("..."), location(start)))
                index += 3
                continue
            }
            if "!$&():=@[]{}|".contains(c) {
                tokens.append((.punctuator(String(c)), location(start)))
                index += 1
                continue
            }
            if c == "_" || c.isASCII && c.isLetter {
                var name = ""
                while index < chars.count,
                    chars[index] == "_" || chars[index].isASCII && (chars[index].isLetter || chars[index].isNumber)
                {
                    name.append(chars[index])
                    index += 1
                }
                tokens.append((.name(name), location(start)))
                continue
            }
            if c == "-" || c.isASCII && c.isNumber {
                var number = ""
                var isFloat = false
                if c == "-" {
                    number.append(c)
                    index += 1
                }
                while index < chars.count, chars[index].isASCII, chars[index].isNumber || ".eE+-".contains(chars[index])
                {
                    if ".eE".contains(chars[index]) { isFloat = true }
                    if "+-".contains(chars[index]), !"eE".contains(number.last ?? " ") { break }
                    number.append(chars[index])
                    index += 1
                }
                guard number != "-", Double(number) != nil else {
                    throw SyntaxError(
                        message: "Syntax Error: Invalid number, \"\(number)\".", location: location(start))
                }
                tokens.append((isFloat ? .float(number) : .int(number), location(start)))
                continue
            }
            if c == "\"" {
                if index + 2 < chars.count, chars[index + 1] == "\"", chars[index + 2] == "\"" {
                    index += 3
                    var value = ""
                    while true {
                        guard index < chars.count else {
                            throw SyntaxError(message: "Syntax Error: Unterminated string.", location: location(start))
                        }
                        if index + 2 < chars.count, chars[index] == "\"", chars[index + 1] == "\"",
                            chars[index + 2] == "\""
                        {
                            index += 3
                            break
                        }
                        if chars[index] == "\n" {
                            line += 1
                            lineStart = index + 1
                        }
                        value.append(chars[index])
                        index += 1
                    }
                    tokens.append((.string(value.trimmingCharacters(in: .whitespacesAndNewlines)), location(start)))
                    continue
                }
                index += 1
                var value = ""
                while true {
                    guard index < chars.count, chars[index] != "\n" else {
                        throw SyntaxError(message: "Syntax Error: Unterminated string.", location: location(start))
                    }
                    let ch = chars[index]
                    index += 1
                    if ch == "\"" { break }
                    if ch == "\\" {
                        guard index < chars.count else {
                            throw SyntaxError(message: "Syntax Error: Unterminated string.", location: location(start))
                        }
                        let escaped = chars[index]
                        index += 1
                        switch escaped {
                        case "n": value.append("\n")
                        case "t": value.append("\t")
                        case "r": value.append("\r")
                        case "b": value.append("\u{8}")
                        case "f": value.append("\u{C}")
                        case "u":
                            let hex = String(chars[index..<min(index + 4, chars.count)])
                            guard hex.count == 4, let code = UInt32(hex, radix: 16), let scalar = Unicode.Scalar(code)
                            else {
                                throw SyntaxError(
                                    message: "Syntax Error: Invalid Unicode escape sequence.", location: location(index)
                                )
                            }
                            value.unicodeScalars.append(scalar)
                            index += 4
                        default: value.append(escaped)
                        }
                        continue
                    }
                    value.append(ch)
                }
                tokens.append((.string(value), location(start)))
                continue
            }
            throw SyntaxError(message: "Syntax Error: Unexpected character: \"\(c)\".", location: location(start))
        }
        tokens.append((.end, location(index)))
        return tokens
    }

    // MARK: Parsing

    private var current: Token { tokens[index].token }
    private var currentLocation: GraphQLLocation { tokens[index].location }

    private func describe(_ token: Token) -> String {
        switch token {
        case .punctuator(let p): return "\"\(p)\""
        case .name(let n): return "Name \"\(n)\""
        case .int(let v): return "Int \"\(v)\""
        case .float(let v): return "Float \"\(v)\""
        case .string(let s): return "String \"\(s)\""
        case .end: return "<EOF>"
        }
    }

    private func unexpected(_ expected: String) -> SyntaxError {
        SyntaxError(
            message: "Syntax Error: Expected \(expected), found \(describe(current)).", location: currentLocation)
    }

    private mutating func advance() { if index < tokens.count - 1 { index += 1 } }

    private mutating func expect(_ punctuator: String) throws(SyntaxError) {
        guard current == .punctuator(punctuator) else { throw unexpected("\"\(punctuator)\"") }
        advance()
    }

    private mutating func take(_ punctuator: String) -> Bool {
        guard current == .punctuator(punctuator) else { return false }
        advance()
        return true
    }

    private mutating func name() throws(SyntaxError) -> String {
        guard case .name(let value) = current else { throw unexpected("Name") }
        advance()
        return value
    }

    private mutating func document() throws(SyntaxError) -> GraphQLDocument {
        var document = GraphQLDocument()
        repeat {
            if current == .punctuator("{") {
                document.operations.append(
                    GraphQLOperation(kind: "query", name: nil, variables: [], selections: try selectionSet(depth: 0)))
                continue
            }
            guard case .name(let keyword) = current else { throw unexpected("Name") }
            switch keyword {
            case "query", "mutation", "subscription":
                advance()
                var operation = GraphQLOperation(kind: keyword, name: nil, variables: [], selections: [])
                if case .name(let operationName) = current {
                    operation.name = operationName
                    advance()
                }
                if take("(") {
                    while !take(")") { operation.variables.append(try variableDefinition()) }
                }
                try skipDirectives()
                operation.selections = try selectionSet(depth: 0)
                document.operations.append(operation)
            case "fragment":
                advance()
                let fragmentName = try name()
                guard try name() == "on" else { throw unexpected("\"on\"") }
                let type = try name()
                try skipDirectives()
                document.fragments[fragmentName] = GraphQLFragment(
                    typeCondition: type, selections: try selectionSet(depth: 0))
            default:
                throw SyntaxError(message: "Syntax Error: Unexpected Name \"\(keyword)\".", location: currentLocation)
            }
        } while current != .end
        return document
    }

    private mutating func variableDefinition() throws(SyntaxError) -> GraphQLVariableDefinition {
        try expect("$")
        let variable = try name()
        try expect(":")
        let type = try typeReference()
        var defaultValue: GraphQLValue?
        if take("=") { defaultValue = try value(constant: true) }
        try skipDirectives()
        return GraphQLVariableDefinition(name: variable, type: type, defaultValue: defaultValue)
    }

    private mutating func typeReference() throws(SyntaxError) -> String {
        var text: String
        if take("[") {
            text = "[" + (try typeReference())
            try expect("]")
            text += "]"
        } else {
            text = try name()
        }
        if take("!") { text += "!" }
        return text
    }

    private mutating func skipDirectives() throws(SyntaxError) {
        while take("@") {
            _ = try name()
            if take("(") { while !take(")") { _ = try argument() } }
        }
    }

    private mutating func selectionSet(depth: Int) throws(SyntaxError) -> [GraphQLSelection] {
        guard depth < Self.maxDepth else {
            throw SyntaxError(message: "Syntax Error: Query nested too deeply.", location: currentLocation)
        }
        try expect("{")
        var selections: [GraphQLSelection] = []
        while !take("}") {
            if current == .end { throw unexpected("Name") }
            if current == .punctuator("...") {
                let location = currentLocation
                advance()
                if case .name(let word) = current, word != "on" {
                    advance()
                    try skipDirectives()
                    selections.append(.fragmentSpread(name: word, location: location))
                    continue
                }
                var typeCondition: String?
                if case .name("on") = current {
                    advance()
                    typeCondition = try name()
                }
                try skipDirectives()
                selections.append(
                    .inlineFragment(typeCondition: typeCondition, selections: try selectionSet(depth: depth + 1)))
                continue
            }
            let location = currentLocation
            var fieldName = try name()
            var alias: String?
            if take(":") {
                alias = fieldName
                fieldName = try name()
            }
            var arguments: [String: GraphQLValue] = [:]
            if take("(") {
                while !take(")") {
                    let (key, value) = try argument()
                    arguments[key] = value
                }
            }
            try skipDirectives()
            let children = current == .punctuator("{") ? try selectionSet(depth: depth + 1) : []
            selections.append(
                .field(
                    GraphQLField(
                        alias: alias, name: fieldName, arguments: arguments, selections: children, location: location)))
        }
        return selections
    }

    private mutating func argument() throws(SyntaxError) -> (String, GraphQLValue) {
        let key = try name()
        try expect(":")
        return (key, try value(constant: false))
    }

    private mutating func value(constant: Bool, depth: Int = 0) throws(SyntaxError) -> GraphQLValue {
        guard depth < Self.maxDepth else {
            throw SyntaxError(message: "Syntax Error: Value nested too deeply.", location: currentLocation)
        }
        switch current {
        case .punctuator("$") where !constant:
            advance()
            return .variable(try name())
        case .int(let text):
            advance()
            return .int(text)
        case .float(let text):
            advance()
            return .float(text)
        case .string(let text):
            advance()
            return .string(text)
        case .name(let word):
            advance()
            switch word {
            case "true": return .boolean(true)
            case "false": return .boolean(false)
            case "null": return .null
            default: return .enumValue(word)
            }
        case .punctuator("["):
            advance()
            var items: [GraphQLValue] = []
            while !take("]") { items.append(try value(constant: constant, depth: depth + 1)) }
            return .list(items)
        case .punctuator("{"):
            advance()
            var members: [String: GraphQLValue] = [:]
            while !take("}") {
                let key = try name()
                try expect(":")
                members[key] = try value(constant: constant, depth: depth + 1)
            }
            return .object(members)
        default:
            throw unexpected("value")
        }
    }
}
