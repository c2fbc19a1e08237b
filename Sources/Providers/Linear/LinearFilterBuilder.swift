import Foundation
import ImportCore

/// A `RecordQuery` as Linear's `IssueFilter`: the teams (by key), `updatedAt` bounds, the viewer's
/// issues, open ones only, and the config's own filter (an `IssueFilter` as JSON), combined by `and`.
enum LinearFilterBuilder {
    /// The filter of `query`, with the listing's own bound (`updatedAt` at most `atMost`, or later
    /// than `after`) on top.
    static func filter(_ query: RecordQuery, atMost: Int64? = nil, after: Int64? = nil, equal: Int64? = nil)
        throws(ProviderError) -> JSONValue
    {
        var parts: [JSONValue] = []
        if !query.containers.isEmpty {
            parts.append(["team": ["key": ["in": .array(query.containers.map(JSONValue.string))]]])
        }
        if let since = [query.since, query.updatedSince].compactMap({ $0 }).max() {
            parts.append(["updatedAt": ["gte": .string(since.iso8601)]])
        }
        if let atMost {
            parts.append(["updatedAt": ["lte": .string(Timestamp(millisecondsSince1970: atMost).iso8601)]])
        }
        if let after { parts.append(["updatedAt": ["gt": .string(Timestamp(millisecondsSince1970: after).iso8601)]]) }
        if let equal { parts.append(["updatedAt": ["eq": .string(Timestamp(millisecondsSince1970: equal).iso8601)]]) }
        if query.assignedToMe { parts.append(["assignee": ["isMe": ["eq": true]]]) }
        if !query.includeClosed {
            parts.append(["state": ["type": ["nin": ["completed", "canceled", "duplicate"]]]])
        }
        if let native = query.filter, !native.trimmingCharacters(in: .whitespaces).isEmpty {
            parts.append(try parse(native))
        }
        return parts.count == 1 ? parts[0] : ["and": .array(parts)]
    }

    /// The config's filter: a JSON object in Linear's `IssueFilter` shape, or a configuration error.
    static func parse(_ text: String) throws(ProviderError) -> JSONValue {
        guard let value = try? JSONParser.parse(text), case .object(let members) = value, !members.isEmpty else {
            throw ProviderError(
                provider: LinearProvider.id, kind: .configuration,
                message:
                    "source.filter must be a Linear IssueFilter as a JSON object, e.g. {\"labels\": {\"name\": {\"eq\": \"backend\"}}}",
                hint:
                    "Write the filter as Linear's GraphQL API takes it (IssueFilter); it is combined with the teams and bounds by `and`."
            )
        }
        return value
    }
}
