import Foundation
import ImportCore

/// Evaluates a parsed JQL query against sandbox records, reading dates in the token user's time zone
/// (as Jira does) and ordering results with the query's `ORDER BY` (ties broken by id).
struct JQLEvaluator {
    let query: JQLQuery
    let zone: TimeZone
    let currentUser: Int
    let users: [WorldVocabulary.User]
    let projects: WorldContainers
    let issuesByKey: [String: Int]

    struct EvaluationError: Error { let message: String }

    /// The project keys the query names (to check they exist and may be browsed).
    var projectValues: [String] { values(of: ["project"]) }

    /// The issues the query names by id or key with `=` or `in`: Jira refuses a query that names one
    /// it does not have.
    var issueValues: [String] { values(of: ["id", "key", "issuekey"], operators: ["=", "in"]) }

    /// The issues (ids or keys) a query is confined to by a clause every match must meet (`id in (…)`
    /// at the top, or joined by AND): a search for them reads those, not the whole world, as Jira's
    /// index would. `nil` when no such clause confines it.
    var confinedTo: [String]? {
        func find(_ expression: JQLQuery.Expression?) -> [String]? {
            switch expression {
            case .clause(let field, let op, let values)
            where ["id", "key", "issuekey"].contains(field) && ["=", "in"].contains(op):
                return values.compactMap {
                    if case .text(let text) = $0 { return text }
                    return nil
                }
            case .and(let a, let b): return find(a) ?? find(b)
            default: return nil
            }
        }
        return find(query.expression)
    }

    /// The texts the query's clauses on `fields` compare with (through `operators`, any when `nil`).
    private func values(of fields: Set<String>, operators: Set<String>? = nil) -> [String] {
        func collect(_ expression: JQLQuery.Expression?) -> [String] {
            switch expression {
            case .none: return []
            case .and(let a, let b), .or(let a, let b): return collect(a) + collect(b)
            case .not(let inner): return collect(inner)
            case .clause(let field, let op, let values):
                guard fields.contains(field), operators?.contains(op) ?? true else { return [] }
                return values.compactMap {
                    if case .text(let text) = $0 { return text }
                    return nil
                }
            }
        }
        return collect(query.expression)
    }

    func matches(_ issue: WorkItem) throws(EvaluationError) -> Bool {
        guard let expression = query.expression else { return true }
        return try evaluate(expression, issue)
    }

    private func evaluate(_ expression: JQLQuery.Expression, _ issue: WorkItem) throws(EvaluationError) -> Bool {
        switch expression {
        case .and(let a, let b):
            guard try evaluate(a, issue) else { return false }
            return try evaluate(b, issue)
        case .or(let a, let b):
            if try evaluate(a, issue) { return true }
            return try evaluate(b, issue)
        case .not(let inner):
            let value = try evaluate(inner, issue)
            return !value
        case .clause(let field, let op, let values): return try clause(field, op, values, issue)
        }
    }

    private func clause(_ field: String, _ op: String, _ values: [JQLQuery.Value], _ issue: WorkItem)
        throws(EvaluationError) -> Bool
    {
        switch field {
        case "updated", "created":
            let actual = field == "updated" ? issue.updated : issue.created
            guard case .text(let text)? = values.first, let bound = instant(text) else {
                throw EvaluationError(
                    message:
                        "Date value '\(values.first.map(describe) ?? "")' for field '\(field)' is invalid. Valid formats include: 'yyyy/MM/dd HH:mm', 'yyyy-MM-dd HH:mm', 'yyyy/MM/dd', 'yyyy-MM-dd', or a period format e.g. '-5d', '4w 2d'."
                )
            }
            switch op {
            case "=": return actual / 60_000 == bound / 60_000
            case "!=": return actual / 60_000 != bound / 60_000
            case ">": return actual > bound
            case ">=": return actual >= bound
            case "<": return actual < bound
            case "<=": return actual <= bound
            default: throw EvaluationError(message: "The operator '\(op)' is not supported by the '\(field)' field.")
            }
        case "labels":
            let texts = Set(
                values.compactMap { value -> String? in
                    if case .text(let text) = value { return text.lowercased() }
                    return nil
                })
            let labels = Set(issue.labels.map { $0.lowercased() })
            switch op {
            case "=", "in": return !labels.isDisjoint(with: texts)
            case "!=", "not in": return !labels.isEmpty && labels.isDisjoint(with: texts)
            case "is": return labels.isEmpty
            case "is not": return !labels.isEmpty
            default: throw EvaluationError(message: "The operator '\(op)' is not supported by the 'labels' field.")
            }
        case "summary", "text":
            guard case .text(let text)? = values.first else { return false }
            let found = issue.summary.range(of: text, options: [.caseInsensitive, .diacriticInsensitive]) != nil
            switch op {
            case "~": return found
            case "!~": return !found
            default: throw EvaluationError(message: "The operator '\(op)' is not supported by the '\(field)' field.")
            }
        default:
            let actual = candidates(field, issue)
            switch op {
            case "is": return actual.isEmpty
            case "is not": return !actual.isEmpty
            case "=", "in":
                return values.contains { value in
                    actual.contains { $0.caseInsensitiveCompare(resolve(value)) == .orderedSame }
                }
            case "!=", "not in":
                return !actual.isEmpty
                    && !values.contains { value in
                        actual.contains { $0.caseInsensitiveCompare(resolve(value)) == .orderedSame }
                    }
            case "<", "<=", ">", ">=":
                guard field == "id" || field == "key" || field == "issuekey", case .text(let text)? = values.first
                else {
                    throw EvaluationError(message: "The operator '\(op)' is not supported by the '\(field)' field.")
                }
                let bound = Int(text) ?? issuesByKey[text.uppercased()] ?? 0
                switch op {
                case "<": return issue.id < bound
                case "<=": return issue.id <= bound
                case ">": return issue.id > bound
                default: return issue.id >= bound
                }
            default: throw EvaluationError(message: "The operator '\(op)' is not supported by the '\(field)' field.")
            }
        }
    }

    private func describe(_ value: JQLQuery.Value) -> String {
        switch value {
        case .text(let text): return text
        case .currentUser: return "currentUser()"
        case .empty: return "EMPTY"
        }
    }

    private func resolve(_ value: JQLQuery.Value) -> String {
        switch value {
        case .text(let text): return text
        case .currentUser: return users[currentUser].accountID
        case .empty: return ""
        }
    }

    /// The texts a field of an issue may be compared with (names, keys and ids all match).
    private func candidates(_ field: String, _ issue: WorkItem) -> [String] {
        switch field {
        case "project":
            return [
                projects.key(issue.project), String(projects.id(issue.project)), projects.name(issue.project),
            ]
        case "key", "issuekey", "id": return [issue.key, String(issue.id)] + issue.previousKeys
        case "assignee", "reporter":
            guard let index = field == "assignee" ? issue.assignee : issue.reporter else { return [] }
            let user = users[index]
            return [user.accountID, user.name, user.displayName] + (user.email.map { [$0] } ?? [])
        case "status":
            let status = JiraReferenceData.statuses[issue.status]
            return [status.name, status.id]
        case "statuscategory":
            let status = JiraReferenceData.statuses[issue.status]
            return [status.categoryKey, status.categoryName, String(status.categoryID)]
        case "issuetype", "type":
            let type = JiraReferenceData.type(issue.type)
            return [type.name, type.id]
        case "priority":
            guard let index = issue.priority else { return [] }
            let priority = JiraReferenceData.priorities[index]
            return [priority.name, priority.id]
        case "parent":
            guard let parent = issue.parent else { return [] }
            return [String(parent)] + (issuesByKey.first { $0.value == parent }.map { [$0.key] } ?? [])
        default: return []
        }
    }

    /// A JQL date (`yyyy-MM-dd HH:mm`, `yyyy/MM/dd`, …) as an instant, read in the user's time zone.
    func instant(_ text: String) -> Int64? {
        let normalized = text.replacingOccurrences(of: "/", with: "-")
        guard
            let civil = Timestamp.parse(
                normalized.count == 10 ? normalized : normalized.replacingOccurrences(of: " ", with: "T"))
        else { return nil }
        // The civil time was read as UTC; shift by the zone's offset at that moment (twice, for DST edges).
        var offset = zone.secondsFromGMT(for: civil.date)
        offset = zone.secondsFromGMT(for: civil.date.addingTimeInterval(-Double(offset)))
        return civil.millisecondsSince1970 - Int64(offset) * 1000
    }

    /// Orders issues by the query's `ORDER BY` (default: `created DESC`), ties by id.
    func ordered(_ issues: [WorkItem]) -> [WorkItem] {
        let order = query.order.isEmpty ? [(field: "created", ascending: false)] : query.order
        return issues.sorted { left, right in
            for (field, ascending) in order {
                let a = sortKey(field, left)
                let b = sortKey(field, right)
                if a != b { return ascending ? a < b : a > b }
            }
            return left.id < right.id
        }
    }

    func sortKey(_ field: String, _ issue: WorkItem) -> Int64 {
        switch field {
        case "updated": return issue.updated
        case "created": return issue.created
        case "priority": return Int64(issue.priority ?? 99)
        default: return Int64(issue.id)
        }
    }
}
