import Foundation

/// The part of JQL the sandbox understands: clauses on project, key/id, updated/created, assignee,
/// status, statusCategory, issuetype, priority, labels, parent; `AND`, `OR`, `NOT`, parentheses;
/// `=`, `!=`, `<`, `<=`, `>`, `>=`, `in`, `not in`, `is EMPTY`, `is not EMPTY`; `currentUser()`;
/// `ORDER BY field [ASC|DESC], …`. Anything else is a 400 with Jira's error shape, as Jira would.
struct JQLQuery: Sendable {
    indirect enum Expression: Sendable {
        case and(Expression, Expression)
        case or(Expression, Expression)
        case not(Expression)
        case clause(field: String, op: String, values: [Value])
    }

    enum Value: Sendable, Hashable {
        case text(String)
        case currentUser
        case empty
    }

    let expression: Expression?
    let order: [(field: String, ascending: Bool)]

    struct ParseError: Error, Sendable, Equatable { let message: String }

    static let fields: Set<String> = [
        "project", "key", "issuekey", "id", "updated", "created", "assignee", "reporter", "status", "statuscategory",
        "issuetype", "type", "priority", "labels", "parent", "summary", "text",
    ]

    /// The query that matches everything, in no particular order (sort keys need no clauses).
    static let everything = JQLQuery(expression: nil, order: [])

    private init(expression: Expression?, order: [(field: String, ascending: Bool)]) {
        self.expression = expression
        self.order = order
    }

    init(_ text: String) throws(ParseError) {
        var parser = Parser(tokens: try Self.tokenize(text))
        let expression: Expression? = parser.atOrderBy || parser.atEnd ? nil : try parser.orExpression()
        var order: [(String, Bool)] = []
        if parser.atOrderBy {
            parser.index += 2
            repeat {
                guard let field = parser.next()?.lowercased() else {
                    throw ParseError(message: "Expecting a field name after ORDER BY")
                }
                guard Self.fields.contains(field) else {
                    throw ParseError(message: "Not able to sort using field '\(field)'.")
                }
                var ascending = true
                if let direction = parser.peek()?.lowercased(), direction == "asc" || direction == "desc" {
                    ascending = direction == "asc"
                    parser.index += 1
                }
                order.append((field, ascending))
            } while parser.consume(",")
        }
        guard parser.atEnd else {
            throw ParseError(message: "Expecting either 'OR' or 'AND' but got '\(parser.peek() ?? "")'.")
        }
        self.expression = expression
        self.order = order
    }

    /// Whether the query restricts the issues (Cloud's enhanced search refuses unbounded queries).
    var isBounded: Bool { expression != nil }

    static func tokenize(_ text: String) throws(ParseError) -> [String] {
        var tokens: [String] = []
        let chars = Array(text)
        var index = 0
        while index < chars.count {
            let c = chars[index]
            if c.isWhitespace {
                index += 1
                continue
            }
            if c == "\"" || c == "'" {
                var value = ""
                index += 1
                while index < chars.count, chars[index] != c {
                    if chars[index] == "\\", index + 1 < chars.count { index += 1 }
                    value.append(chars[index])
                    index += 1
                }
                guard index < chars.count else {
                    throw ParseError(message: "The quoted string \(c)\(value) hasn't been completed.")
                }
                index += 1
                tokens.append("\u{1}" + value)
                continue
            }
            if "(),".contains(c) {
                tokens.append(String(c))
                index += 1
                continue
            }
            if "=!<>~".contains(c) {
                var op = String(c)
                if index + 1 < chars.count, chars[index + 1] == "=" || (c == "!" && chars[index + 1] == "~") {
                    op.append(chars[index + 1])
                    index += 1
                }
                tokens.append(op)
                index += 1
                continue
            }
            var word = ""
            while index < chars.count, !chars[index].isWhitespace, !"(),=!<>~\"'".contains(chars[index]) {
                word.append(chars[index])
                index += 1
            }
            tokens.append(word)
        }
        return tokens
    }

    struct Parser {
        let tokens: [String]
        var index = 0

        var atEnd: Bool { index >= tokens.count }
        var atOrderBy: Bool {
            index + 1 < tokens.count && tokens[index].lowercased() == "order" && tokens[index + 1].lowercased() == "by"
        }

        func peek() -> String? { index < tokens.count ? tokens[index] : nil }

        mutating func next() -> String? {
            defer { index += 1 }
            return peek()
        }

        mutating func consume(_ word: String) -> Bool {
            guard let token = peek(), token.lowercased() == word.lowercased() else { return false }
            index += 1
            return true
        }

        mutating func orExpression() throws(ParseError) -> Expression {
            var left = try andExpression()
            while consume("or") { left = .or(left, try andExpression()) }
            return left
        }

        mutating func andExpression() throws(ParseError) -> Expression {
            var left = try unary()
            while consume("and") { left = .and(left, try unary()) }
            return left
        }

        mutating func unary() throws(ParseError) -> Expression {
            if consume("not") { return .not(try unary()) }
            if consume("(") {
                let inner = try orExpression()
                guard consume(")") else {
                    throw ParseError(message: "Expecting ')' but got '\(peek() ?? "end of query")'.")
                }
                return inner
            }
            return try clause()
        }

        mutating func clause() throws(ParseError) -> Expression {
            guard let rawField = next() else {
                throw ParseError(message: "Expecting a field name but reached the end of the query.")
            }
            let field = rawField.hasPrefix("\u{1}") ? String(rawField.dropFirst()).lowercased() : rawField.lowercased()
            guard JQLQuery.fields.contains(field) else {
                throw ParseError(
                    message:
                        "Field '\(rawField.replacingOccurrences(of: "\u{1}", with: ""))' does not exist or you do not have permission to view it."
                )
            }
            guard var op = next()?.lowercased() else {
                throw ParseError(message: "Expecting an operator after '\(field)'.")
            }
            if op == "not" {
                guard consume("in") else { throw ParseError(message: "Expecting 'IN' after 'NOT'.") }
                op = "not in"
            } else if op == "is" {
                op = consume("not") ? "is not" : "is"
            }
            guard ["=", "!=", "<", "<=", ">", ">=", "in", "not in", "is", "is not", "~", "!~"].contains(op) else {
                throw ParseError(message: "The operator '\(op)' is not supported by the '\(field)' field.")
            }
            var values: [Value] = []
            if op == "in" || op == "not in" {
                guard consume("(") else { throw ParseError(message: "Expecting '(' after '\(op.uppercased())'.") }
                repeat { values.append(try value()) } while consume(",")
                guard consume(")") else { throw ParseError(message: "Expecting ')' to close the list.") }
            } else {
                values.append(try value())
            }
            return .clause(field: field, op: op, values: values)
        }

        mutating func value() throws(ParseError) -> Value {
            guard let token = next() else {
                throw ParseError(message: "Expecting a value but reached the end of the query.")
            }
            if token.hasPrefix("\u{1}") { return .text(String(token.dropFirst())) }
            let lower = token.lowercased()
            if lower == "empty" || lower == "null" { return .empty }
            if lower == "currentuser" {
                guard consume("("), consume(")") else { throw ParseError(message: "Expecting '()' after currentUser.") }
                return .currentUser
            }
            if lower.hasSuffix("()") || peek() == "(" {
                throw ParseError(message: "Unable to find JQL function '\(token)'.")
            }
            return .text(token)
        }
    }
}
