import ImportCore

extension InMemoryDestination {
    /// Writes one task into `state` as the SQLite workspace would: matched by provenance identity
    /// (moved from a `moveFrom` project when found there), people and milestones resolved, children of
    /// kinds the run does not manage kept as they were, and nothing changed when nothing differs.
    static func write(
        _ task: CanonicalTask, target: WriteTarget, projectID: Int64, jobID: Int64?, in state: inout State
    ) -> RecordOutcome {
        func matches(_ stored: StoredTask, _ project: Int64) -> Bool {
            stored.projectID == project && stored.instance == target.instance
                && stored.task.ref.source == task.ref.source && stored.task.ref.id == task.ref.id
        }
        var storedID = state.tasks.first { matches($0.value, projectID) }?.key
        if storedID == nil {
            for project in target.moveFrom where project != projectID {
                if let id = state.tasks.first(where: { matches($0.value, project) })?.key {
                    state.tasks[id]?.projectID = projectID
                    storedID = id
                    break
                }
            }
        }
        var assigneeIDs = Set<Int64>()
        var unmatchedAssignees: [String] = []
        for person in task.assignees {
            if let email = person.email, !email.isEmpty, let id = state.users[target.owner.id]?[email.lowercased()] {
                assigneeIDs.insert(id)
            } else {
                unmatchedAssignees.append(person.email ?? person.displayName ?? person.externalID ?? "unknown")
            }
        }
        var milestoneID: Int64?
        var unmatchedMilestone: String?
        if let milestone = task.milestone, !milestone.title.isEmpty {
            if let id = state.milestones.first(where: {
                $0.value.project == projectID && $0.value.title.lowercased() == milestone.title.lowercased()
            })?.key {
                milestoneID = id
            } else if target.createMilestones {
                if let externalID = milestone.externalID,
                    let id = state.milestones.first(where: {
                        $0.value.project == projectID && $0.value.externalID == externalID
                    })?.key
                {
                    state.milestones[id]?.title = milestone.title
                    milestoneID = id
                } else {
                    let id = state.newID()
                    state.milestones[id] = (projectID, milestone.title, milestone.externalID)
                    milestoneID = id
                }
            } else {
                unmatchedMilestone = milestone.title
            }
        }
        var written = task
        let old = storedID.flatMap { state.tasks[$0] }
        let managed = target.managedChildren
        if !managed.contains(.comment) { written.comments = old?.task.comments ?? [] }
        if !managed.contains(.worklog) { written.worklogs = old?.task.worklogs ?? [] }
        if !managed.contains(.attachment) { written.attachments = old?.task.attachments ?? [] }
        let assignees = assigneeIDs.sorted()
        let outcome = { (change: RecordOutcome.Change, id: Int64) in
            RecordOutcome(
                change: change, taskID: id, fieldChanges: [], unmatchedAssignees: unmatchedAssignees,
                unmatchedMilestone: unmatchedMilestone, rowsWritten: change == .unchanged ? 0 : 1)
        }
        if let old, old.task == written, old.milestoneID == milestoneID, old.assigneeIDs == assignees,
            (old.deletedAt == nil) == (written.deletedAt == nil)
        {
            return outcome(.unchanged, old.id)
        }
        let id = storedID ?? state.newID()
        state.tasks[id] = StoredTask(
            id: id, projectID: projectID, instance: target.instance, task: written, milestoneID: milestoneID,
            assigneeIDs: assignees, deletedAt: written.deletedAt, jobID: jobID)
        return outcome(old == nil ? .created : .updated, id)
    }

    static func audit(_ state: inout State, owner: Owner, action: String, subject: String) {
        let entry = AuditEntry(
            id: state.newID(), at: Timestamp.now().iso8601, action: action, subject: subject, detail: [:])
        state.audit[owner.id, default: []].append(entry)
    }
}
