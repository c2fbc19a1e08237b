import Foundation
import ImportCore

/// The Jira provider's cursor: the keyset position `(updated, id)` of the last record handed out
/// (which resumes exactly, even days later), plus the page token or offset that continues the current
/// search without a new query.
public struct JiraCursor: Sendable, Hashable {
    /// Where in the keyset order `(updated, id)` the last record was.
    public struct Position: Sendable, Hashable {
        /// `updated` of the last record, in milliseconds since 1970.
        public let updated: Int64
        /// Its numeric issue id, as the decimal digits Jira sent (no integer type is assumed to hold it).
        public let id: String

        /// A position.
        public init(updated: Int64, id: String) {
            self.updated = updated
            self.id = id
        }

        /// The id's digits without leading zeros, for comparing ids of any length numerically.
        var normalizedID: Substring {
            let digits = id.drop { $0 == "0" }
            return digits.isEmpty ? "0" : digits
        }

        /// Whether `self` orders before `other` by (`updated`, numeric id).
        func precedes(_ other: Position) -> Bool {
            if updated != other.updated { return updated < other.updated }
            let (left, right) = (normalizedID, other.normalizedID)
            return left.count != right.count ? left.count < right.count : left < right
        }
    }

    /// The last record handed out; `nil` before the first.
    public var position: Position?
    /// Cloud: the `nextPageToken` of the last response.
    public var token: String?
    /// Data Center: `startAt` within the current keyset window; a bulk run: how many ids of its
    /// listing window were handed out.
    public var offset: Int
    /// Cloud: whether the run lists ids first and fetches the issues in bulk (`JiraConnection+BulkFetch`).
    public var bulk: Bool
    /// A bulk run's window of listed ids this cursor continues (within one process only).
    public var window: Int?
    /// When the ids this cursor continues were listed, by the server's clock (milliseconds since 1970).
    public var listedAt: Int64?

    /// A cursor.
    public init(
        position: Position?, token: String? = nil, offset: Int = 0, bulk: Bool = false, window: Int? = nil,
        listedAt: Int64? = nil
    ) {
        self.position = position
        self.token = token
        self.offset = offset
        self.bulk = bulk
        self.window = window
        self.listedAt = listedAt
    }

    /// The cursor as stored with a page: JSON with every position field as text (version 2).
    public var encoded: PageCursor {
        var object: [String: JSONValue] = ["v": 2, "o": .string(String(offset))]
        if let position {
            object["u"] = .string(String(position.updated))
            object["i"] = .string(position.id)
        }
        if let token { object["t"] = .string(token) }
        if bulk { object["b"] = "1" }
        if let window { object["w"] = .string(String(window)) }
        if let listedAt { object["l"] = .string(String(listedAt)) }
        return PageCursor(JSONValue.object(object).jsonText)
    }

    /// Reads a stored cursor (version 2, or version 1 of earlier releases, whose numbers are read
    /// without trapping); anything else is a configuration error that says how to start over.
    public static func decode(_ cursor: PageCursor) throws(ProviderError) -> JiraCursor {
        let invalid = ProviderError(
            provider: JiraProvider.id, kind: .configuration, message: "the stored cursor is not a Jira cursor",
            hint: "Run the import without resuming (it starts over; unchanged records are not rewritten).")
        guard let value = try? JSONParser.parse(cursor.value), let version = value["v"]?.intValue,
            version == 1 || version == 2
        else { throw invalid }
        func integer(_ key: String) -> Int64? {
            switch value[key] {
            case .string(let text)?: return Int64(text)
            case .number(let number)?: return Int64(exactly: number)
            default: return nil
            }
        }
        var position: Position?
        if let updated = integer("u") {
            let id: String?
            switch value["i"] {
            case .string(let text)?: id = text
            case .number(let number)?: id = Int64(exactly: number).map { String($0) }
            default: id = nil
            }
            guard let id, isDecimal(id) else { throw invalid }
            position = Position(updated: updated, id: id)
        }
        let offset = integer("o").flatMap { Int(exactly: $0) } ?? 0
        guard offset >= 0 else { throw invalid }
        return JiraCursor(
            position: position, token: value["t"]?.stringValue, offset: offset, bulk: value["b"]?.stringValue == "1",
            window: integer("w").flatMap { Int(exactly: $0) }, listedAt: integer("l"))
    }

    /// Whether a record lies strictly after `position` in the query's order.
    static func isAfter(_ record: Position, _ position: Position?, order: RecordQuery.Order) -> Bool {
        guard let position else { return true }
        switch order {
        case .oldestFirst: return position.precedes(record)
        case .recentFirst: return record.precedes(position)
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

    /// The keyset position of a raw issue: its `updated` and its id, when the id is decimal digits
    /// (as text: Jira sends ids as strings).
    static func position(of issue: JSONValue) -> Position? {
        guard let id = issue["id"]?.scalarText, isDecimal(id), id.utf8.count <= 40,
            let updated = issue["fields"]?["updated"]?.stringValue.flatMap(Timestamp.parse)
        else { return nil }
        return Position(updated: updated.millisecondsSince1970, id: id)
    }

    /// Whether `text` is a non-empty run of ASCII digits.
    static func isDecimal(_ text: String) -> Bool {
        !text.isEmpty && text.utf8.allSatisfy { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }
    }
}
