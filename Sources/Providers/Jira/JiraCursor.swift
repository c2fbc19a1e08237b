import Foundation
import ImportCore

/// The Jira provider's cursor: the keyset position `(updated, id)` of the last record handed out
/// (which resumes exactly, even days later), plus the page token or offset that continues the current
/// search without a new query.
public struct JiraCursor: Sendable, Hashable {
    public struct Position: Sendable, Hashable {
        /// `updated` of the last record, in milliseconds since 1970.
        public let updated: Int64
        /// Its numeric issue id.
        public let id: Int64

        public init(updated: Int64, id: Int64) {
            self.updated = updated
            self.id = id
        }
    }

    public var position: Position?
    /// Cloud: the `nextPageToken` of the last response.
    public var token: String?
    /// Data Center: `startAt` within the current keyset window.
    public var offset: Int

    public init(position: Position?, token: String? = nil, offset: Int = 0) {
        self.position = position
        self.token = token
        self.offset = offset
    }

    public var encoded: PageCursor {
        var object: [String: JSONValue] = ["v": 1, "o": .number(Double(offset))]
        if let position {
            object["u"] = .number(Double(position.updated))
            object["i"] = .number(Double(position.id))
        }
        if let token { object["t"] = .string(token) }
        return PageCursor(JSONValue.object(object).jsonText)
    }

    public static func decode(_ cursor: PageCursor) throws(ProviderError) -> JiraCursor {
        guard let value = try? JSONParser.parse(cursor.value), value["v"]?.intValue == 1 else {
            throw ProviderError(
                provider: JiraProvider.id, kind: .configuration, message: "the stored cursor is not a Jira cursor",
                hint: "Run the import without resuming (it starts over; unchanged records are not rewritten).")
        }
        var position: Position?
        if let updated = value["u"]?.doubleValue, let id = value["i"]?.doubleValue {
            position = Position(updated: Int64(updated), id: Int64(id))
        }
        return JiraCursor(position: position, token: value["t"]?.stringValue, offset: value["o"]?.intValue ?? 0)
    }

    /// Whether a record lies strictly after `position` in the query's order.
    static func isAfter(_ record: Position, _ position: Position?, order: RecordQuery.Order) -> Bool {
        guard let position else { return true }
        switch order {
        case .oldestFirst:
            return record.updated > position.updated || (record.updated == position.updated && record.id > position.id)
        case .recentFirst:
            return record.updated < position.updated || (record.updated == position.updated && record.id < position.id)
        }
    }

    /// The issues strictly after this cursor's position (all of them without one); issues whose
    /// position cannot be read are kept.
    func issues(after issues: [JSONValue], order: RecordQuery.Order) -> [JSONValue] {
        guard position != nil else { return issues }
        return issues.filter { issue in
            guard let record = Self.position(of: issue) else { return true }
            return Self.isAfter(record, position, order: order)
        }
    }

    /// The keyset position of a raw issue.
    static func position(of issue: JSONValue) -> Position? {
        guard let id = issue["id"]?.scalarText.flatMap({ Int64($0) }),
            let updated = issue["fields"]?["updated"]?.stringValue.flatMap(Timestamp.parse)
        else { return nil }
        return Position(updated: updated.millisecondsSince1970, id: id)
    }
}
