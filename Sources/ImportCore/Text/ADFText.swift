/// Flattens an Atlassian Document Format document (Jira Cloud's rich text) to readable plain text.
///
/// Paragraphs are separated by a blank line; lists keep bullets (`- `) and numbers (`1. `) with
/// indentation for nesting; tables become rows of cells joined by ` | `; mentions read `@Name`;
/// emoji their text; links `text (url)`; media a placeholder such as `[attachment: file.png]`;
/// task items `[ ]`/`[x]`. Unknown (future) nodes keep whatever text they hold. A plain string
/// (Jira Data Center's wiki text) is returned as it is.
public enum ADFText {
    /// Deepest node nesting accepted; deeper documents are hostile, not rich text.
    public static let maxDepth = 100

    /// The text of an Atlassian Document Format document; `nil` for an empty one.
    public static func plainText(_ document: JSONValue) throws(TextConversionError) -> String? {
        switch document {
        case .null: return nil
        case .string(let text): return text
        case .object:
            var renderer = Renderer()
            let blocks = try renderer.blocks(of: document, depth: 0)
            return blocks.joined(separator: "\n\n").trimmingTrailingWhitespace()
        case .array(let nodes):
            var renderer = Renderer()
            var blocks: [String] = []
            for node in nodes { blocks += try renderer.block(node, depth: 0) }
            return blocks.joined(separator: "\n\n").trimmingTrailingWhitespace()
        default:
            throw TextConversionError(message: "expected an ADF document (object), found \(document.typeName)")
        }
    }

    private struct Renderer {
        /// Renders the children of a container node as blocks.
        mutating func blocks(of node: JSONValue, depth: Int) throws(TextConversionError) -> [String] {
            var result: [String] = []
            for child in node["content"]?.arrayValue ?? [] {
                result += try block(child, depth: depth + 1)
            }
            return result
        }

        /// Renders one block-level node; may produce several blocks (or none).
        mutating func block(_ node: JSONValue, depth: Int) throws(TextConversionError) -> [String] {
            guard depth <= ADFText.maxDepth else {
                throw TextConversionError(message: "ADF nested deeper than \(ADFText.maxDepth) levels")
            }
            guard case .object = node else {
                if let text = node.stringValue { return [text] }
                return []
            }
            let type = node["type"]?.stringValue ?? ""
            switch type {
            case "doc":
                return try blocks(of: node, depth: depth)
            case "paragraph":
                let text = try inline(node, depth: depth)
                return text.isEmpty ? [] : [text]
            case "heading":
                let text = try inline(node, depth: depth)
                return text.isEmpty ? [] : [text]
            case "codeBlock":
                return [try inline(node, depth: depth)]
            case "blockquote":
                let inner = try blocks(of: node, depth: depth).joined(separator: "\n\n")
                return [prefixLines(inner, with: "> ")]
            case "rule":
                return ["---"]
            case "bulletList", "orderedList", "taskList", "decisionList":
                return [try list(node, depth: depth, indent: 0)]
            case "table":
                return [try table(node, depth: depth)]
            case "panel":
                let inner = try blocks(of: node, depth: depth).joined(separator: "\n\n")
                let kind = node["attrs"]?["panelType"]?.stringValue
                return inner.isEmpty ? [] : [kind.map { "[\($0)] " + inner } ?? inner]
            case "expand", "nestedExpand":
                var result: [String] = []
                if let title = node["attrs"]?["title"]?.stringValue, !title.isEmpty { result.append(title) }
                result += try blocks(of: node, depth: depth)
                return result
            case "mediaSingle", "mediaGroup":
                let media = try blocks(of: node, depth: depth).filter { !$0.isEmpty }
                return media.isEmpty ? [] : [media.joined(separator: "\n")]
            case "media", "mediaInline":
                let placeholder = mediaPlaceholder(node)
                return placeholder.isEmpty ? [] : [placeholder]
            case "blockCard", "embedCard":
                return [node["attrs"]?["url"]?.stringValue ?? "[card]"]
            case "bodiedExtension", "multiBodiedExtension":
                // A macro says it was one, then keeps its body's text.
                return [extensionPlaceholder(node)] + (try blocks(of: node, depth: depth))
            case "extensionFrame":
                return try blocks(of: node, depth: depth)
            case "extension":
                return [extensionPlaceholder(node)]
            case "taskItem", "decisionItem", "listItem":
                return [try list(.object(["type": "bulletList", "content": .array([node])]), depth: depth, indent: 0)]
            default:
                // Inline nodes at block level, and unknown block nodes: keep their text.
                if isInline(type) || node["text"] != nil {
                    let text = try inlineNode(node, depth: depth)
                    return text.isEmpty ? [] : [text]
                }
                if node["content"] != nil { return try blocks(of: node, depth: depth) }
                if let text = node["attrs"]?["text"]?.stringValue, !text.isEmpty { return [text] }
                // An unsupported node with nothing to show still leaves a trace, as Atlassian's does.
                return type.isEmpty ? [] : ["[\(type)]"]
            }
        }

        func isInline(_ type: String) -> Bool {
            ["text", "mention", "emoji", "hardBreak", "inlineCard", "date", "status", "placeholder", "inlineExtension"]
                .contains(type)
        }

        /// The inline content of a node, concatenated.
        mutating func inline(_ node: JSONValue, depth: Int) throws(TextConversionError) -> String {
            var text = ""
            var afterMention = false
            for child in node["content"]?.arrayValue ?? [] {
                let piece = try inlineNode(child, depth: depth + 1)
                // Documents written through the API often put no space after a mention; a word glued
                // to it would read as part of the name.
                if afterMention, let first = piece.first, first.isLetter || first.isNumber || first == "@" {
                    text += " "
                }
                text += piece
                if !piece.isEmpty { afterMention = child["type"]?.stringValue == "mention" }
            }
            return text
        }

        mutating func inlineNode(_ node: JSONValue, depth: Int) throws(TextConversionError) -> String {
            guard depth <= ADFText.maxDepth else {
                throw TextConversionError(message: "ADF nested deeper than \(ADFText.maxDepth) levels")
            }
            let attrs = node["attrs"]
            switch node["type"]?.stringValue ?? "" {
            case "text":
                let text = node["text"]?.stringValue ?? ""
                for mark in node["marks"]?.arrayValue ?? [] where mark["type"]?.stringValue == "link" {
                    if let href = mark["attrs"]?["href"]?.stringValue, !href.isEmpty, href != text {
                        return "\(text) (\(href))"
                    }
                }
                return text
            case "hardBreak":
                return "\n"
            case "mention":
                let name =
                    attrs?["text"]?.stringValue ?? attrs?["displayName"]?.stringValue ?? attrs?["id"]?.stringValue
                    ?? "someone"
                return name.hasPrefix("@") ? name : "@" + name
            case "emoji":
                return attrs?["text"]?.stringValue ?? attrs?["shortName"]?.stringValue ?? ""
            case "inlineCard":
                return attrs?["url"]?.stringValue ?? attrs?["data"]?["url"]?.stringValue ?? "[link]"
            case "date":
                if let raw = attrs?["timestamp"]?.scalarText, let stamp = Timestamp.parse(raw) {
                    return String(stamp.iso8601.prefix(10))
                }
                return attrs?["timestamp"]?.scalarText ?? ""
            case "status":
                let text = attrs?["text"]?.stringValue ?? ""
                return text.isEmpty ? "" : "[\(text)]"
            case "placeholder":
                return ""
            case "inlineExtension":
                return extensionPlaceholder(node)
            case "mediaInline", "media":
                return mediaPlaceholder(node)
            default:
                // Unknown inline node: keep its text, its children's text, or its attrs' text.
                if let text = node["text"]?.stringValue { return text }
                if node["content"] != nil { return try inline(node, depth: depth) }
                return attrs?["text"]?.stringValue ?? ""
            }
        }

        mutating func list(_ node: JSONValue, depth: Int, indent: Int) throws(TextConversionError) -> String {
            guard depth <= ADFText.maxDepth else {
                throw TextConversionError(message: "ADF nested deeper than \(ADFText.maxDepth) levels")
            }
            let type = node["type"]?.stringValue ?? ""
            var number = Self.startNumber(node["attrs"]?["order"])
            var lines: [String] = []
            let pad = String(repeating: "  ", count: indent)
            for item in node["content"]?.arrayValue ?? [] {
                let itemType = item["type"]?.stringValue ?? ""
                // A nested list sits beside the item it belongs to (ADF's task lists always do so).
                if Self.listTypes.contains(itemType) {
                    lines.append(try list(item, depth: depth + 2, indent: indent + 1))
                    continue
                }
                let marker: String
                switch (type, itemType) {
                case ("orderedList", _):
                    marker = "\(number). "
                    number += 1
                case (_, "taskItem"):
                    marker = item["attrs"]?["state"]?.stringValue == "DONE" ? "[x] " : "[ ] "
                case (_, "decisionItem"):
                    marker = "◆ "
                default:
                    marker = "- "
                }
                var first = true
                // Task and decision items hold inline content directly; list items hold blocks.
                if itemType == "taskItem" || itemType == "decisionItem" {
                    var text = ""
                    var nested: [String] = []
                    for child in item["content"]?.arrayValue ?? [] {
                        let childType = child["type"]?.stringValue ?? ""
                        if ["taskList", "decisionList", "bulletList", "orderedList"].contains(childType) {
                            nested.append(try list(child, depth: depth + 2, indent: indent + 1))
                        } else {
                            text += try inlineNode(child, depth: depth + 2)
                        }
                    }
                    lines.append(pad + marker + text)
                    lines += nested
                    continue
                }
                for child in item["content"]?.arrayValue ?? [] {
                    let childType = child["type"]?.stringValue ?? ""
                    if ["bulletList", "orderedList", "taskList", "decisionList"].contains(childType) {
                        lines.append(try list(child, depth: depth + 2, indent: indent + 1))
                        continue
                    }
                    let text = try block(child, depth: depth + 2).joined(separator: "\n")
                    let continuation = pad + String(repeating: " ", count: marker.count)
                    let body = text.split(separator: "\n", omittingEmptySubsequences: false).enumerated().map {
                        $0.offset == 0 ? String($0.element) : continuation + $0.element
                    }.joined(separator: "\n")
                    lines.append((first ? pad + marker : continuation) + body)
                    first = false
                }
                if first { lines.append(pad + marker.trimmingTrailingWhitespace()) }
            }
            return lines.joined(separator: "\n")
        }

        static let listTypes: Set<String> = ["bulletList", "orderedList", "taskList", "decisionList"]

        /// Where an ordered list starts: its `order` as a whole number (a fraction's whole part, a
        /// number given as text), never below 0; 1 when there is none or it is absurd.
        static func startNumber(_ order: JSONValue?) -> Int {
            guard let order, let value = order.doubleValue ?? order.stringValue.flatMap({ Double($0) }),
                value.isFinite, value <= 1e9
            else { return 1 }
            return max(0, Int(value.rounded(.down)))
        }

        mutating func table(_ node: JSONValue, depth: Int) throws(TextConversionError) -> String {
            var rows: [String] = []
            for row in node["content"]?.arrayValue ?? [] {
                var cells: [String] = []
                for cell in row["content"]?.arrayValue ?? [] {
                    // A row stays one line: the cell's paragraphs, list items and line breaks are kept
                    // apart by " / ".
                    let lines = try blocks(of: cell, depth: depth + 2).flatMap { $0.split(separator: "\n") }
                        .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
                    cells.append(lines.joined(separator: " / "))
                }
                rows.append(cells.joined(separator: " | "))
            }
            return rows.joined(separator: "\n")
        }

        func mediaPlaceholder(_ node: JSONValue) -> String {
            let attrs = node["attrs"]
            if let name = attrs?["alt"]?.stringValue ?? attrs?["__fileName"]?.stringValue
                ?? attrs?["fileName"]?.stringValue, !name.isEmpty
            {
                return "[attachment: \(name)]"
            }
            if let url = attrs?["url"]?.stringValue { return "[media: \(url)]" }
            // A link card in a media group names no file and no address: nothing to read.
            return attrs?["type"]?.stringValue == "link" ? "" : "[attachment]"
        }

        func extensionPlaceholder(_ node: JSONValue) -> String {
            let attrs = node["attrs"]
            if let text = attrs?["text"]?.stringValue, !text.isEmpty { return text }
            guard let key = attrs?["extensionKey"]?.stringValue, !key.isEmpty else {
                // Without a key, the node's own type, as Atlassian's serializer writes it.
                return "[\(node["type"]?.stringValue ?? "extension")]"
            }
            return "[extension: \(key)]"
        }

        func prefixLines(_ text: String, with prefix: String) -> String {
            text.split(separator: "\n", omittingEmptySubsequences: false).map {
                $0.isEmpty ? prefix.trimmingTrailingWhitespace() : prefix + $0
            }.joined(separator: "\n")
        }
    }
}
