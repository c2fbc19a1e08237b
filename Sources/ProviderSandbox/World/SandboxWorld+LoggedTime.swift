// A world whose time-per-estimate is known: what `tributary calibrate` must find in it.
extension SandboxWorld {
    /// Gives every done item with story points worklogs that add up to its points × `hoursPerPoint`,
    /// spread ±20 % by a fixed rule whose middle is 1 (the median stays at `hoursPerPoint`), and every
    /// 25th such item six times that (outliers a calibration must leave out); returns how many items.
    mutating func logTime(hoursPerPoint: Double) -> Int {
        var count = 0
        for id in issues.keys.sorted() {
            guard var item = issues[id], let points = item.storyPoints,
                WorldVocabulary.statuses[item.status % WorldVocabulary.statuses.count].category == "done"
            else { continue }
            count += 1
            let spread = 0.8 + 0.4 * Double((id % 101 * 37) % 101) / 100
            let factor = count % 25 == 0 ? 6 : spread
            let seconds = Int((points * hoursPerPoint * factor * 3600).rounded())
            if item.worklogs.isEmpty {
                let at = item.created + 3_600_000
                item.worklogs.append(
                    .init(id: takeChildID(), author: item.assignee ?? item.reporter, created: at, updated: at, text: "")
                )
            }
            let share = seconds / item.worklogs.count
            for index in item.worklogs.indices {
                item.worklogs[index].seconds = share + (index == 0 ? seconds % item.worklogs.count : 0)
            }
            issues[id] = item
        }
        version += 1
        return count
    }
}
