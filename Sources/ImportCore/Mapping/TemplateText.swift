/// A text with placeholders: `{baseUrl}/browse/{key}`. `{value}` is the transform's input, a name
/// declared in the table's `params` is that parameter, anything else is a source path read from the
/// current item (a missing value renders empty). `{{` and `}}` are literal braces.
public struct TemplateText: Sendable, Hashable {
    enum Part: Sendable, Hashable {
        case literal(String)
        case placeholder(String, SourcePath?)
    }

    let parts: [Part]
    /// The template as written.
    public let source: String

    struct ParseError: Error { let message: String }

    static func parse(_ text: String) -> Result<TemplateText, ParseError> {
        var parts: [Part] = []
        var literal = ""
        var chars = Array(text)[...]
        while let c = chars.first {
            chars = chars.dropFirst()
            if c == "{" {
                if chars.first == "{" {
                    literal.append("{")
                    chars = chars.dropFirst()
                    continue
                }
                guard let close = chars.firstIndex(of: "}") else {
                    return .failure(ParseError(message: "unclosed '{' in \"\(text)\""))
                }
                let name = String(chars[..<close]).trimmingCharacters(in: .whitespaces)
                chars = chars[(close + 1)...]
                guard !name.isEmpty else { return .failure(ParseError(message: "empty placeholder {} in \"\(text)\"")) }
                if !literal.isEmpty {
                    parts.append(.literal(literal))
                    literal = ""
                }
                let path = name == "value" ? nil : try? SourcePath(parsing: name)
                if name != "value", path == nil {
                    return .failure(ParseError(message: "placeholder {\(name)} is not a parameter or a path"))
                }
                parts.append(.placeholder(name, path))
            } else if c == "}" && chars.first == "}" {
                literal.append("}")
                chars = chars.dropFirst()
            } else {
                literal.append(c)
            }
        }
        if !literal.isEmpty { parts.append(.literal(literal)) }
        return .success(TemplateText(parts: parts, source: text))
    }

    /// Placeholder names, for the validator and the list of fields a provider must fetch.
    var placeholders: [(String, SourcePath?)] {
        parts.compactMap {
            if case .placeholder(let name, let path) = $0 { return (name, path) }
            return nil
        }
    }

    func render(input: JSONValue?, context: EvaluationContext) -> String {
        var out = ""
        for part in parts {
            switch part {
            case .literal(let text): out += text
            case .placeholder(let name, let path):
                if name == "value" {
                    out += input?.scalarText ?? ""
                } else if let parameter = context.params[name] {
                    out += parameter.scalarText ?? ""
                } else if let path {
                    out +=
                        context.read(path)?.scalarText
                        ?? ""
                }
            }
        }
        return out
    }
}
