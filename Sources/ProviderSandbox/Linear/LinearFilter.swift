import Foundation
import ImportCore

/// Evaluates Linear's filter inputs (`IssueFilter`, `TeamFilter`, comparators) against the sandbox's
/// items, as Linear does: every key of a filter object must hold; `and`/`or` combine filters.
enum LinearFilter {
    /// Whether `item` passes `filter` (a JSON `IssueFilter`; null passes everything).
    static func issue(_ item: WorkItem, _ filter: JSONValue?, view: LinearView) throws(GraphQLError) -> Bool {
        guard case .object(let members)? = filter else { return true }
        for (key, value) in members {
            let holds: Bool
            switch key {
            case "and": holds = try all(value) { filter throws(GraphQLError) in try issue(item, filter, view: view) }
            case "or": holds = try any(value) { filter throws(GraphQLError) in try issue(item, filter, view: view) }
            case "id": holds = try compare(.string(view.uuidOfItem[item.id] ?? ""), value)
            case "team": holds = try team(item.project, value, view: view)
            case "updatedAt": holds = try compareDate(item.updated, value)
            case "createdAt": holds = try compareDate(item.created, value)
            case "archivedAt": holds = try compareDate(item.archivedAt, value)
            case "number": holds = try compare(.number(Double(number(item))), value)
            case "priority": holds = try compare(.number(Double(LinearView.priority(item.priority))), value)
            case "title": holds = try compare(.string(item.summary), value)
            case "state":
                let state = WorldVocabulary.statuses[item.status]
                holds = try object(value) { field, comparator throws(GraphQLError) in
                    switch field {
                    case "type": return try compare(.string(LinearView.stateType(item.status)), comparator)
                    case "name": return try compare(.string(state.name), comparator)
                    default:
                        return try compare(.string(view.stateID(team: item.project, status: item.status)), comparator)
                    }
                }
            case "assignee":
                holds = try object(value) { field, comparator throws(GraphQLError) in
                    switch field {
                    case "null": return (comparator.boolValue ?? false) == (item.assignee == nil)
                    case "isMe": return try compare(.bool(item.assignee == view.viewer), comparator)
                    case "email":
                        guard let index = item.assignee else { return false }
                        return try compare(.string(view.email(view.world.users[index])), comparator)
                    default:
                        guard let index = item.assignee else { return false }
                        return try compare(.string(view.uuid("user", index)), comparator)
                    }
                }
            case "labels":
                let names = labels(item)
                holds = try object(value) { field, comparator throws(GraphQLError) in
                    var matching = 0
                    for name in names {
                        let match =
                            field == "some" || field == "every"
                            ? try label(name, comparator, view: view) : try compare(.string(name), comparator)
                        if match { matching += 1 }
                    }
                    return field == "every" ? matching == names.count : matching > 0
                }
            default:
                throw GraphQLError(
                    message: "the sandbox does not evaluate the filter field \"\(key)\" of IssueFilter",
                    extensions: GraphQLExecutor.failure(code: "INVALID_INPUT"))
            }
            if !holds { return false }
        }
        return true
    }

    /// The labels an item has in Linear: its type (in the "Type" group) and the world's labels.
    static func labels(_ item: WorkItem) -> [String] { [item.type] + item.labels }

    /// The number part of an identifier (`DEMO-7` → 7).
    static func number(_ item: WorkItem) -> Int { Int(item.key.split(separator: "-").last ?? "") ?? 0 }

    static func team(_ index: Int, _ filter: JSONValue, view: LinearView) throws(GraphQLError) -> Bool {
        try object(filter) { field, comparator throws(GraphQLError) in
            switch field {
            case "key": return try compare(.string(view.world.projects.key(index)), comparator)
            case "name": return try compare(.string(view.world.projects.name(index)), comparator)
            case "and": return try all(comparator) { inner throws(GraphQLError) in try team(index, inner, view: view) }
            case "or": return try any(comparator) { inner throws(GraphQLError) in try team(index, inner, view: view) }
            default: return try compare(.string(view.teamID(index)), comparator)
            }
        }
    }

    static func label(_ name: String, _ filter: JSONValue, view: LinearView) throws(GraphQLError) -> Bool {
        try object(filter) { field, comparator throws(GraphQLError) in
            field == "name"
                ? try compare(.string(name), comparator) : try compare(.string(view.labelID(name)), comparator)
        }
    }

    // MARK: Combinators

    static func object(_ value: JSONValue, _ each: (String, JSONValue) throws(GraphQLError) -> Bool)
        throws(GraphQLError) -> Bool
    {
        guard case .object(let members) = value else { return true }
        for (key, member) in members where try !each(key, member) { return false }
        return true
    }

    static func all(_ value: JSONValue, _ test: (JSONValue) throws(GraphQLError) -> Bool) throws(GraphQLError) -> Bool {
        for filter in value.arrayValue ?? [] where try !test(filter) { return false }
        return true
    }

    static func any(_ value: JSONValue, _ test: (JSONValue) throws(GraphQLError) -> Bool) throws(GraphQLError) -> Bool {
        for filter in value.arrayValue ?? [] where try test(filter) { return true }
        return (value.arrayValue ?? []).isEmpty
    }

    // MARK: Comparators

    /// A `StringComparator`, `IDComparator`, `NumberComparator` or `BooleanComparator` on `actual`.
    static func compare(_ actual: JSONValue, _ comparator: JSONValue) throws(GraphQLError) -> Bool {
        try object(comparator) { operation, expected throws(GraphQLError) in
            switch operation {
            case "eq": return actual == expected
            case "neq": return actual != expected
            case "in": return expected.arrayValue?.contains(actual) ?? false
            case "nin": return !(expected.arrayValue?.contains(actual) ?? false)
            case "eqIgnoreCase":
                return actual.stringValue?.lowercased() == expected.stringValue?.lowercased()
            case "contains": return actual.stringValue?.contains(expected.stringValue ?? "\u{0}") ?? false
            case "containsIgnoreCase":
                return actual.stringValue?.lowercased().contains(expected.stringValue?.lowercased() ?? "\u{0}") ?? false
            case "gt", "gte", "lt", "lte":
                guard let left = actual.doubleValue, let right = expected.doubleValue else { return false }
                switch operation {
                case "gt": return left > right
                case "gte": return left >= right
                case "lt": return left < right
                default: return left <= right
                }
            default:
                throw GraphQLError(
                    message: "the sandbox does not evaluate the comparator \"\(operation)\"",
                    extensions: GraphQLExecutor.failure(code: "INVALID_INPUT"))
            }
        }
    }

    /// A `DateComparator` on an instant in epoch milliseconds (`nil`: the date is not set).
    static func compareDate(_ actual: Int64?, _ comparator: JSONValue) throws(GraphQLError) -> Bool {
        try object(comparator) { operation, expected throws(GraphQLError) in
            if expected.isNull { return operation == "eq" ? actual == nil : actual != nil }
            guard let text = expected.stringValue, let bound = Timestamp.parse(text)?.millisecondsSince1970 else {
                throw GraphQLError(
                    message:
                        "Argument Validation Error: \(operation) must be an ISO 8601 date (the sandbox reads no durations)",
                    extensions: GraphQLExecutor.failure(code: "INVALID_INPUT"))
            }
            guard let actual else { return operation == "neq" }
            switch operation {
            case "eq": return actual == bound
            case "neq": return actual != bound
            case "gt": return actual > bound
            case "gte": return actual >= bound
            case "lt": return actual < bound
            case "lte": return actual <= bound
            default:
                throw GraphQLError(
                    message: "the sandbox does not evaluate the date comparator \"\(operation)\"",
                    extensions: GraphQLExecutor.failure(code: "INVALID_INPUT"))
            }
        }
    }
}
