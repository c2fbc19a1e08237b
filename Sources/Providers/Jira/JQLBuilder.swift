import Foundation
import ImportCore

/// Builds the JQL of an import from a `RecordQuery`. Jira reads JQL dates with minute precision in the
/// token user's time zone, so every bound is written in that zone and rounded outwards (never losing an
/// issue at a window edge; the duplicates this brings are dropped by the cursor).
public struct JQLBuilder: Sendable {
    /// The zone JQL dates are written in (the token user's: Jira reads them in it).
    public let timeZone: TimeZone

    /// A builder writing dates in `timeZone`.
    public init(timeZone: TimeZone) { self.timeZone = timeZone }

    /// A builder writing dates in the named zone (UTC when unknown).
    public init(timeZoneIdentifier: String?) {
        timeZone = timeZoneIdentifier.flatMap(TimeZone.init(identifier:)) ?? .gmt
    }

    /// The full query: restrictions, then `ORDER BY`. A filter that could escape its parentheses
    /// (unbalanced parentheses or quotes) is refused with a configuration error.
    /// - Parameter after: a keyset position to continue from (resuming a stored cursor).
    public func jql(for query: RecordQuery, after position: JiraCursor.Position? = nil) throws(ProviderError) -> String
    {
        var clauses: [String] = []
        if !query.containers.isEmpty {
            let keys = query.containers.map(Self.quote)
            clauses.append(keys.count == 1 ? "project = \(keys[0])" : "project in (\(keys.joined(separator: ", ")))")
        }
        if let filter = try query.filter.flatMap(JQLFilter.clause) {
            clauses.append("(\(filter))")
        }
        if query.assignedToMe { clauses.append("assignee = currentUser()") }
        if !query.includeClosed { clauses.append("statusCategory != Done") }
        let lower = [query.since, query.updatedSince].compactMap { $0 }.max()
        if let lower { clauses.append("updated >= \(Self.quote(minute(lower, roundUp: false)))") }
        if let position {
            let stamp = Timestamp(millisecondsSince1970: position.updated)
            switch query.order {
            case .oldestFirst: clauses.append("updated >= \(Self.quote(minute(stamp, roundUp: false)))")
            case .recentFirst:
                clauses.append("updated < \(Self.quote(minute(stamp.adding(milliseconds: 60_000), roundUp: false)))")
            }
        }
        let order = query.order == .recentFirst ? "ORDER BY updated DESC, id DESC" : "ORDER BY updated ASC, id ASC"
        return clauses.joined(separator: " AND ") + " " + order
    }

    /// `yyyy-MM-dd HH:mm` in the user's zone, rounded down (or up) to the minute.
    public func minute(_ stamp: Timestamp, roundUp: Bool) -> String {
        var milliseconds = stamp.millisecondsSince1970
        let remainder = ((milliseconds % 60_000) + 60_000) % 60_000
        milliseconds -= remainder
        if roundUp && remainder > 0 { milliseconds += 60_000 }
        let offset = timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: Double(milliseconds) / 1000))
        let local = Timestamp(millisecondsSince1970: milliseconds + Int64(offset) * 1000).iso8601
        return String(local.prefix(10)) + " " + String(local.dropFirst(11).prefix(5))
    }

    /// A JQL string literal.
    static func quote(_ value: String) -> String {
        "\"" + value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }
}
