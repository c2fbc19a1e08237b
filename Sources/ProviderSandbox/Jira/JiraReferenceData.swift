/// The world's workflow as Jira lists it: statuses (with categories and ids), priorities, issue
/// types, resolutions, project categories, in the world's order (`WorldVocabulary`).
enum JiraReferenceData {
    struct Status {
        let id: String, name: String, categoryKey: String, categoryID: Int, categoryName: String, color: String
    }

    struct IssueType {
        let id: String, name: String, subtask: Bool, hierarchyLevel: Int
    }

    static let statusCategories: [(id: Int, key: String, name: String, color: String)] = [
        (1, "undefined", "No Category", "medium-gray"), (2, "new", "To Do", "blue-gray"),
        (4, "indeterminate", "In Progress", "yellow"), (3, "done", "Done", "green"),
    ]

    static let statuses: [Status] = [
        Status(
            id: "10000", name: "To Do", categoryKey: "new", categoryID: 2, categoryName: "To Do", color: "blue-gray"),
        Status(
            id: "10001", name: "Backlog", categoryKey: "new", categoryID: 2, categoryName: "To Do", color: "blue-gray"),
        Status(
            id: "3", name: "In Progress", categoryKey: "indeterminate", categoryID: 4, categoryName: "In Progress",
            color: "yellow"),
        Status(
            id: "10002", name: "In Review", categoryKey: "indeterminate", categoryID: 4, categoryName: "In Progress",
            color: "yellow"),
        Status(
            id: "10003", name: "Blocked", categoryKey: "indeterminate", categoryID: 4, categoryName: "In Progress",
            color: "yellow"),
        Status(
            id: "10004", name: "Impediment", categoryKey: "new", categoryID: 2, categoryName: "To Do",
            color: "blue-gray"),
        Status(id: "10005", name: "Done", categoryKey: "done", categoryID: 3, categoryName: "Done", color: "green"),
        Status(id: "6", name: "Closed", categoryKey: "done", categoryID: 3, categoryName: "Done", color: "green"),
        Status(id: "10006", name: "Won't Do", categoryKey: "done", categoryID: 3, categoryName: "Done", color: "green"),
        Status(
            id: "10007", name: "Triage", categoryKey: "undefined", categoryID: 1, categoryName: "No Category",
            color: "medium-gray"),
    ]

    static let priorities: [(id: String, name: String)] = [
        ("1", "Highest"), ("2", "High"), ("3", "Medium"), ("4", "Low"), ("5", "Lowest"), ("10000", "Blocker"),
        ("10001", "Critical"), ("10002", "Minor"), ("10003", "Trivial"),
    ]

    static let issueTypes: [IssueType] = [
        IssueType(id: "10000", name: "Epic", subtask: false, hierarchyLevel: 1),
        IssueType(id: "10001", name: "Story", subtask: false, hierarchyLevel: 0),
        IssueType(id: "10002", name: "Task", subtask: false, hierarchyLevel: 0),
        IssueType(id: "10003", name: "Bug", subtask: false, hierarchyLevel: 0),
        IssueType(id: "10004", name: "Sub-task", subtask: true, hierarchyLevel: -1),
        IssueType(id: "10005", name: "Spike", subtask: false, hierarchyLevel: 0),
        IssueType(id: "10006", name: "Improvement", subtask: false, hierarchyLevel: 0),
        IssueType(id: "10007", name: "Incident", subtask: false, hierarchyLevel: 0),
    ]

    /// The issue type named `name` (a world type name), Task for a name Jira's list lacks.
    static func type(_ name: String) -> IssueType { issueTypes.first { $0.name == name } ?? issueTypes[2] }

    static let resolutions: [(id: String, name: String)] = [
        ("10000", "Done"), ("10001", "Won't Do"), ("10002", "Duplicate"), ("10003", "Cannot Reproduce"),
    ]

    static let projectCategories: [(id: String, name: String)] = [("10000", "Product"), ("10001", "Operations")]
}
