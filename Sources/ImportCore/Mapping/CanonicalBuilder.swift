/// Turns mapped values into canonical records, checking each target's type and that required
/// targets are filled. Timestamps are normalised to ISO-8601 UTC.
public enum CanonicalBuilder {
    /// The canonical task of one mapped record, or the first target whose value does not fit.
    public static func task(
        _ mapped: MappedRecord, source: String, label: String?, people: PeopleShape = .common
    ) throws(MappingError) -> CanonicalTask {
        var reader = Reader(values: mapped.fields, kind: .task, label: label, people: people)
        let ref = ExternalRef(
            source: source, id: try reader.requiredText("external_id"), key: try reader.text("external_key"),
            url: try reader.text("external_url"), updatedAt: try reader.date("external_updated_at"))
        reader.label = ref.key ?? ref.id
        var task = CanonicalTask(
            ref: ref, container: try reader.text("container"), title: try reader.requiredText("title"),
            description: try reader.text("description"), status: try reader.requiredText("status"),
            priority: try reader.text("priority"), category: try reader.text("category"),
            dueDate: try reader.date("due_date"), estimatedHours: try reader.number("estimated_hours"),
            storyPoints: try reader.number("story_points"), sourceStatus: try reader.text("source_status"),
            sourcePriority: try reader.text("source_priority"), sourceType: try reader.text("source_type"),
            labels: try reader.labels("labels"), parentExternalID: try reader.text("parent"),
            assignees: try reader.users("assignees"), deletedAt: try reader.date("deleted_at"))
        if let title = try reader.text("milestone"), !title.isEmpty {
            task.milestone = MilestoneReference(title: title, externalID: try reader.text("milestone_external_id"))
        }
        task.createdAt = try reader.date("created_at")
        task.resolvedAt = try reader.date("resolved_at")
        task.reporter = try reader.users("reporter").first
        task.sprints = try reader.sprints("sprints")
        for (name, value) in mapped.fields where name.hasPrefix("custom.") {
            task.custom[String(name.dropFirst(7))] = value
        }
        for row in mapped.children[.comment] ?? [] {
            let child = Reader(values: row, kind: .comment, label: reader.label, people: people)
            task.comments.append(
                CanonicalComment(
                    ref: try child.ref(source: source), author: try child.users("author").first,
                    body: try child.text("body") ?? "", createdAt: try child.date("created_at")))
        }
        for row in mapped.children[.worklog] ?? [] {
            let child = Reader(values: row, kind: .worklog, label: reader.label, people: people)
            task.worklogs.append(
                CanonicalWorklog(
                    ref: try child.ref(source: source), author: try child.users("author").first,
                    startedAt: try child.date("started_at"), seconds: try child.requiredInteger("seconds"),
                    comment: try child.text("comment")))
        }
        for row in mapped.children[.attachment] ?? [] {
            let child = Reader(values: row, kind: .attachment, label: reader.label, people: people)
            task.attachments.append(
                CanonicalAttachment(
                    ref: try child.ref(source: source), filename: try child.requiredText("filename"),
                    mimeType: try child.text("mime_type"), sizeBytes: try child.integer("size_bytes"),
                    contentURL: try child.text("content_url"), author: try child.users("author").first,
                    createdAt: try child.date("created_at")))
        }
        for row in mapped.children[.checklist] ?? [] {
            let child = Reader(values: row, kind: .checklist, label: reader.label, people: people)
            task.checklist.append(
                CanonicalChecklistItem(
                    ref: try child.ref(source: source), position: try child.integer("position") ?? 0,
                    title: try child.requiredText("title"), done: try child.boolean("done") ?? false))
        }
        for row in mapped.children[.link] ?? [] {
            let child = Reader(values: row, kind: .link, label: reader.label, people: people)
            let other = try child.requiredText("other")
            let outward: Bool
            switch try child.requiredText("direction").lowercased() {
            case "outward": outward = true
            case "inward": outward = false
            case let direction:
                throw child.fail("direction", "\"\(direction)\" is neither \"outward\" nor \"inward\"")
            }
            guard other != ref.id else { continue }
            task.links.append(
                CanonicalLink(
                    ref: try child.ref(source: source), type: try child.requiredText("type"),
                    outward: try child.text("outward"), inward: try child.text("inward"),
                    fromExternalID: outward ? ref.id : other, toExternalID: outward ? other : ref.id))
        }
        for row in mapped.children[.history] ?? [] {
            let child = Reader(values: row, kind: .history, label: reader.label, people: people)
            task.history.append(
                CanonicalHistoryItem(
                    ref: try child.ref(source: source), field: try child.requiredText("field"),
                    fromText: try child.text("from"), toText: try child.text("to"), fromID: try child.text("from_id"),
                    toID: try child.text("to_id"), author: try child.users("author").first,
                    changedAt: try child.date("changed_at")))
        }
        return task
    }

    struct Reader {
        let values: [String: JSONValue]
        let kind: RecordKind
        var label: String?
        let people: PeopleShape

        func fail(_ target: String, _ message: String) -> MappingError {
            MappingError(record: label, location: "\(kind.rawValue).\(target)", message: message)
        }

        func ref(source: String) throws(MappingError) -> ExternalRef {
            ExternalRef(
                source: source, id: try requiredText("external_id"), key: try text("external_key"),
                url: try text("external_url"), updatedAt: try date("external_updated_at"))
        }

        func text(_ target: String) throws(MappingError) -> String? {
            guard let value = values[target] else { return nil }
            switch value {
            case .null: return nil
            case .string(let text): return text
            case .number(let number) where !number.isFinite:
                throw fail(target, "the source's number is too large to hold (beyond ±1.8e308)")
            case .number, .bool: return value.scalarText
            default:
                throw fail(
                    target,
                    "expected text, found \(value.typeName); add a transform such as \"adfToText\", \"join\" or \"first\""
                )
            }
        }

        func requiredText(_ target: String) throws(MappingError) -> String {
            guard let text = try text(target), !text.isEmpty else {
                throw fail(target, "required but empty")
            }
            return text
        }

        func number(_ target: String) throws(MappingError) -> Double? {
            guard let value = values[target], !value.isNull else { return nil }
            if let number = value.doubleValue, number.isFinite { return number }
            if let text = value.stringValue {
                if text.trimmedWhitespace().isEmpty { return nil }
                if let number = Double(text), number.isFinite { return number }
            }
            if let number = value.doubleValue, !number.isFinite {
                throw fail(target, "the number is too large to hold (beyond ±1.8e308)")
            }
            throw fail(target, "expected a number, found \(value.typeName) \(value.jsonText.prefix(40))")
        }

        func integer(_ target: String) throws(MappingError) -> Int? {
            guard let number = try number(target) else { return nil }
            guard abs(number) < 9e15 else { throw fail(target, "number out of range") }
            return Int(number.rounded(.towardZero))
        }

        func requiredInteger(_ target: String) throws(MappingError) -> Int {
            guard let number = try integer(target) else { throw fail(target, "required but empty") }
            return number
        }

        func boolean(_ target: String) throws(MappingError) -> Bool? {
            guard let value = values[target], !value.isNull else { return nil }
            if let flag = value.boolValue { return flag }
            if let number = value.doubleValue { return number != 0 }
            throw fail(target, "expected true or false, found \(value.typeName)")
        }

        func date(_ target: String) throws(MappingError) -> String? {
            guard let text = try text(target), !text.isEmpty else { return nil }
            // Already in the stored form (the `date` transform's output): keep it as it is.
            if Timestamp.isCanonical(text) { return text }
            guard let stamp = Timestamp.parse(text) else {
                throw fail(target, "\"\(text.prefix(40))\" is not a date; add the \"date\" transform")
            }
            let isBareDate = text.count == 10 && text.dropFirst(4).first == "-"
            return isBareDate ? String(stamp.iso8601.prefix(10)) : stamp.iso8601
        }

        func labels(_ target: String) throws(MappingError) -> [String] {
            guard let value = values[target], !value.isNull else { return [] }
            switch value {
            case .array(let elements):
                return elements.compactMap { $0.scalarText ?? $0["name"]?.scalarText ?? $0["value"]?.scalarText }
            case .string(let text): return text.isEmpty ? [] : [text]
            default: throw fail(target, "expected a list of texts, found \(value.typeName)")
            }
        }

        func sprints(_ target: String) throws(MappingError) -> [CanonicalSprint] {
            guard let value = values[target], !value.isNull else { return [] }
            var found: [CanonicalSprint] = []
            for element in value.arrayValue ?? [value] where !element.isNull {
                guard let name = element["name"]?.scalarText, !name.isEmpty else {
                    throw fail(target, "expected sprints with a name; add the \"sprint\" transform")
                }
                found.append(
                    CanonicalSprint(
                        id: element["id"]?.scalarText, name: name, state: element["state"]?.scalarText,
                        startDate: element["startDate"]?.scalarText, endDate: element["endDate"]?.scalarText,
                        completeDate: element["completeDate"]?.scalarText))
            }
            return found
        }

        func users(_ target: String) throws(MappingError) -> [UserReference] {
            guard let value = values[target], !value.isNull else { return [] }
            let elements = value.arrayValue ?? [value]
            var found: [UserReference] = []
            for element in elements {
                switch element {
                case .null: continue
                case .string(let email): if !email.isEmpty { found.append(UserReference(email: email)) }
                case .object:
                    let person = people.person(element) ?? .null
                    found.append(
                        UserReference(
                            email: person["email"]?.stringValue, displayName: person["name"]?.stringValue,
                            externalID: person["id"]?.stringValue))
                default: throw fail(target, "expected a person (email or object), found \(element.typeName)")
                }
            }
            return found
        }
    }
}
