/// A position in a list's tasks ordered by `date_updated` (oldest first) that does not shift when
/// tasks change, unlike ClickUp's page numbers: the update instant of the last task read, the ids
/// read at exactly that instant (ClickUp's `date_updated_gt` includes it), and a page number used
/// only while more than a page of tasks share that one instant.
struct ClickUpKeyset: Sendable, Hashable {
    /// `date_updated` (epoch ms) of the last task read.
    var updated: Int64
    /// The ids already read whose `date_updated` is `updated`.
    var ids: [String]
    /// The page of `date_updated_gt=updated-1` to read next (0 unless a page was all one instant).
    var page: Int

    /// Most ids kept at one instant before the listing is declared endless.
    static let maxIDsAtOneInstant = 50_000

    /// Whether a task updated at `updated` with `id` is past this position.
    func isAhead(updated: Int64, id: String) -> Bool {
        updated > self.updated || (updated == self.updated && !ids.contains(id))
    }
}
