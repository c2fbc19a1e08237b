extension ImportReport {
    /// Adds what one written page reports: its failures (the first thousand) and the people and
    /// milestones it could not match.
    mutating func absorb(_ result: PageResult) {
        for record in result.records {
            switch record {
            case .success(let outcome):
                for person in outcome.unmatchedAssignees { unmatchedAssignees[person, default: 0] += 1 }
                if let title = outcome.unmatchedMilestone { unmatchedMilestones[title, default: 0] += 1 }
            case .failure(let failure):
                if failures.count < 1000 { failures.append(failure) }
            }
        }
    }
}
