import ImportCore

/// Pretty JSON text for `--json` output.
enum JSONWriterBridge {
    static func pretty(_ value: JSONValue) -> String {
        var text = JSONWriter(pretty: true).string(value)
        if text.hasSuffix("\n") { text.removeLast() }
        return text
    }
}
