import ImportCore

/// A child row ready to write: its data columns' values, provenance and hash.
struct ChildRow {
    let kind: RecordKind
    let ref: ExternalRef
    let values: [SQLValue]
    let hash: String

    init(kind: RecordKind, ref: ExternalRef, values: [SQLValue]) {
        self.kind = kind
        self.ref = ref
        self.values = values
        var hasher = RowHasher(capacity: 256)
        hasher.add("external_id", ref.id)
        hasher.add("external_key", ref.key)
        hasher.add("external_url", ref.url)
        hasher.add("external_updated_at", ref.updatedAt)
        for (column, value) in zip(TaskStatements.columns(kind), values) { hasher.add(column, value) }
        hash = hasher.finish()
    }

    /// The rows of `task`'s children of the `managed` kinds, per kind in `RecordKind.childKinds` order.
    static func rows(of task: CanonicalTask, managed: Set<RecordKind>) -> [(RecordKind, [ChildRow])] {
        RecordKind.childKinds.filter(managed.contains).map { kind in
            let rows: [ChildRow]
            switch kind {
            case .comment:
                rows = task.comments.map { comment in
                    ChildRow(
                        kind: kind, ref: comment.ref,
                        values: [
                            SQLValue(comment.author?.email), SQLValue(comment.author?.displayName), .text(comment.body),
                            SQLValue(comment.createdAt), SQLValue(comment.author?.externalID),
                        ])
                }
            case .worklog:
                rows = task.worklogs.map { log in
                    ChildRow(
                        kind: kind, ref: log.ref,
                        values: [
                            SQLValue(log.author?.email), SQLValue(log.author?.displayName), SQLValue(log.startedAt),
                            .integer(Int64(log.seconds)), SQLValue(log.comment), SQLValue(log.author?.externalID),
                        ])
                }
            case .attachment:
                rows = task.attachments.map { file in
                    ChildRow(
                        kind: kind, ref: file.ref,
                        values: [
                            .text(file.filename), SQLValue(file.mimeType), SQLValue(file.sizeBytes),
                            SQLValue(file.contentURL), SQLValue(file.author?.email), SQLValue(file.createdAt),
                            SQLValue(file.author?.displayName), SQLValue(file.author?.externalID),
                        ])
                }
            case .checklist:
                rows = task.checklist.map { item in
                    ChildRow(
                        kind: kind, ref: item.ref,
                        values: [.integer(Int64(item.position)), .text(item.title), SQLValue(item.done)])
                }
            case .link:
                rows = task.links.map { link in
                    ChildRow(
                        kind: kind, ref: link.ref,
                        values: [
                            .text(link.type), SQLValue(link.outward), SQLValue(link.inward), .text(link.fromExternalID),
                            .text(link.toExternalID),
                        ])
                }
            case .history:
                rows = task.history.map { change in
                    ChildRow(
                        kind: kind, ref: change.ref,
                        values: [
                            .text(change.field), SQLValue(change.fromText), SQLValue(change.toText),
                            SQLValue(change.fromID), SQLValue(change.toID), SQLValue(change.author?.email),
                            SQLValue(change.author?.displayName), SQLValue(change.author?.externalID),
                            SQLValue(change.changedAt),
                        ])
                }
            case .task:
                rows = []
            }
            return (kind, rows)
        }
    }
}
