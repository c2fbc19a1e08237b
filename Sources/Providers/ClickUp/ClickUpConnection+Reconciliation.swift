import Foundation
import ImportCore

extension ClickUpConnection {
    /// Every task id in the lists `containers` names, subtasks and closed tasks included: ClickUp v2
    /// has no listing of deleted tasks, so a deleted (or archived) task is one that is absent. The
    /// listing reads each list by the same keyset as the import (page numbers would shift when a task
    /// is deleted meanwhile, and skip one that still exists); it must be whole: any malformed page is
    /// an error.
    public func recordIDs(in containers: [String]) async throws -> Set<String> {
        var ids = Set<String>()
        let everything = RecordQuery(containers: containers, includeClosed: true)
        for list in try await lists(for: containers) {
            var position: ClickUpKeyset?
            for _ in 0..<Self.maxPages {
                let step = try await listingStep(
                    list: list, from: position, floor: nil, limit: ClickUpAPI.pageSize, query: everything)
                for record in step.records { if let id = record["id"]?.stringValue { ids.insert(id) } }
                if step.isLast { break }
                position = step.next
            }
        }
        return ids
    }
}
