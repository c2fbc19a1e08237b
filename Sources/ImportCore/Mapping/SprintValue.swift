/// Reads a sprint as sources send it: Jira Cloud's object (`{"id": 1, "name": …, "state": "active",
/// "startDate": …}`) or the text Data Center and old Cloud sites send
/// (`com.atlassian.greenhopper.service.sprint.Sprint@1f[id=1,rapidViewId=2,state=CLOSED,name=Sprint 1,…]`).
enum SprintValue {
    /// The sprint as `{id, name, state, startDate, endDate, completeDate}`, or `nil` when the value is
    /// not a sprint at all.
    static func parse(_ value: JSONValue) -> JSONValue? {
        var fields: [String: String] = [:]
        switch value {
        case .object(let object):
            for (key, member) in object { if let text = member.scalarText { fields[key] = text } }
        case .string(let text):
            fields = legacyFields(text)
        default:
            return nil
        }
        guard let name = fields["name"], !name.isEmpty else { return nil }
        var result: [String: JSONValue] = ["name": .string(name)]
        if let id = fields["id"], !id.isEmpty { result["id"] = .string(id) }
        if let state = fields["state"], !state.isEmpty, state != "<null>" {
            result["state"] = .string(state.lowercased())
        }
        for key in ["startDate", "endDate", "completeDate"] {
            if let text = fields[key], let stamp = Timestamp.parse(text) { result[key] = .string(stamp.iso8601) }
        }
        return .object(result)
    }

    /// The `key=value` pairs inside the brackets of Data Center's text; a name may hold commas, so a
    /// pair starts only where a known key follows a comma.
    static func legacyFields(_ text: String) -> [String: String] {
        guard let open = text.firstIndex(of: "["), text.hasSuffix("]") else { return [:] }
        let body = text[text.index(after: open)..<text.index(before: text.endIndex)]
        let keys: Set<String> = [
            "id", "rapidViewId", "state", "name", "goal", "startDate", "endDate", "completeDate", "activatedDate",
            "sequence", "synced", "autoStartStop", "incompleteIssuesDestinationId",
        ]
        var fields: [String: String] = [:]
        var currentKey: String?
        var currentValue = ""
        for piece in body.split(separator: ",", omittingEmptySubsequences: false) {
            if let equals = piece.firstIndex(of: "="), keys.contains(String(piece[..<equals])) {
                if let key = currentKey { fields[key] = currentValue }
                currentKey = String(piece[..<equals])
                currentValue = String(piece[piece.index(after: equals)...])
            } else if currentKey != nil {
                currentValue += "," + piece
            }
        }
        if let key = currentKey { fields[key] = currentValue }
        return fields
    }
}
