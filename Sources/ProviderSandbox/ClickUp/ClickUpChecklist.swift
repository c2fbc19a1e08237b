/// A checklist of a task as ClickUp keeps it beside subtasks: named, with items that are resolved
/// or not. The world has none; tests add them (`ClickUpSandbox.addChecklist`).
struct ClickUpChecklist: Sendable {
    /// One line of the checklist.
    struct Item: Sendable {
        let id: String
        let name: String
        let resolved: Bool
    }

    let id: String
    let name: String
    let items: [Item]
}
