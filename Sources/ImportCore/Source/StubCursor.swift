/// The cursor a stub provider's page parsing hands out: the container and the source's own position
/// (an offset token, an end cursor, a page number). Real providers keep keyset positions instead,
/// which survive days; a stub never resumes anything.
public struct StubCursor: Sendable, Hashable {
    /// The container the page belongs to.
    public let container: String
    /// The source's position after the page.
    public let position: String

    /// A cursor.
    public init(container: String, position: String) {
        self.container = container
        self.position = position
    }

    /// The cursor as a page cursor.
    public var encoded: PageCursor {
        PageCursor(JSONValue.object(["c": .string(container), "p": .string(position)]).jsonText)
    }

    /// A stub cursor read back, or `nil`.
    public static func decode(_ cursor: PageCursor) -> StubCursor? {
        guard let value = try? JSONParser.parse(cursor.value), let container = value["c"]?.stringValue,
            let position = value["p"]?.stringValue
        else { return nil }
        return StubCursor(container: container, position: position)
    }
}
