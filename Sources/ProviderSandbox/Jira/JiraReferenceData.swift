/// The fixed reference data of the sandbox site: statuses, priorities, issue types, users, projects.
enum JiraReferenceData {
    struct Status {
        let id: String, name: String, categoryKey: String, categoryID: Int, categoryName: String, color: String
    }

    struct IssueType {
        let id: String, name: String, subtask: Bool, hierarchyLevel: Int
    }

    struct User {
        let accountID: String, name: String, displayName: String, email: String?, timeZone: String
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

    /// How often each status is drawn, in the order of `statuses`.
    static let statusWeights = [18, 8, 20, 8, 4, 2, 22, 8, 3, 2]

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

    static func type(_ name: String) -> IssueType { issueTypes.first { $0.name == name }! }

    static let resolutions: [(id: String, name: String)] = [
        ("10000", "Done"), ("10001", "Won't Do"), ("10002", "Duplicate"), ("10003", "Cannot Reproduce"),
    ]

    static let projectCategories: [(id: String, name: String)] = [("10000", "Product"), ("10001", "Operations")]

    static let projectKeys = ["DEMO", "OPS", "WEB", "DATA", "MOB", "API", "SEC", "INFRA"]
    static let projectNames = [
        "Demo Product", "Operations", "Website", "Data Platform", "Mobile", "Public API", "Security", "Infrastructure",
    ]

    /// People on the site. Two hide their email (Atlassian profile visibility).
    static func users(tokenEmail: String, timeZone: String) -> [User] {
        [
            User(
                accountID: "5b10a2844c20165700ede21g", name: "importer", displayName: "Demo Importer",
                email: tokenEmail, timeZone: timeZone),
            User(
                accountID: "5b10ac8d82e05b22cc7d4ef5", name: "alice", displayName: "Alice Nguyen",
                email: "alice.nguyen@example.com", timeZone: "Europe/Berlin"),
            User(
                accountID: "5b109f2e9729b51b54dc274d", name: "bruno", displayName: "Bruno Díaz",
                email: "bruno.diaz@example.com", timeZone: "America/Mexico_City"),
            User(
                accountID: "557058:0867a421-a9ee-4659-801a-bc0ee4a4487e", name: "chen", displayName: "陈静 (Chen Jing)",
                email: "chen.jing@example.com", timeZone: "Asia/Shanghai"),
            User(
                accountID: "5d53f3cbc6b9320d9ea5bdc2", name: "dana", displayName: "Dana O'Brien",
                email: "dana.obrien@example.com", timeZone: "Europe/Dublin"),
            User(
                accountID: "60e5a86a471e61006a4ad2f0", name: "emeka", displayName: "Emeka Okafor",
                email: "emeka.okafor@example.com", timeZone: "Africa/Lagos"),
            User(
                accountID: "5f7e3a2b1c9d440069a1b2c3", name: "private1", displayName: "Private Person", email: nil,
                timeZone: "UTC"),
            User(
                accountID: "61a0b1c2d3e4f50070a1b2c3", name: "farah", displayName: "Farah Haddad",
                email: "farah.haddad@example.com", timeZone: "Asia/Dubai"),
            User(
                accountID: "62b1c2d3e4f5060071b2c3d4", name: "private2", displayName: "Contractor (hidden email)",
                email: nil, timeZone: "UTC"),
            User(
                accountID: "63c2d3e4f506170072c3d4e5", name: "goran", displayName: "Goran Petrović",
                email: "goran.petrovic@example.com", timeZone: "Europe/Belgrade"),
        ]
    }

    static let labels = ["backend", "frontend", "customer", "tech-debt", "security", "ux", "performance", "blocked"]
    static let components = ["API", "Web", "Mobile", "Billing", "Search"]
    static let versions = ["1.0", "1.1", "2.0", "2.1"]

    static let verbs = [
        "Fix", "Add", "Remove", "Refactor", "Investigate", "Document", "Speed up", "Migrate", "Harden", "Design",
    ]
    static let objects = [
        "checkout flow", "login with SSO", "CSV export", "search ranking", "billing emails", "mobile onboarding",
        "rate limiter", "audit log", "dark mode", "webhook retries", "password reset", "invoice PDF",
    ]
    static let areas = [
        "on Safari", "for EU customers", "in the admin console", "behind the feature flag", "under load",
        "on Android 14",
    ]
    static let unicodeSummaries = [
        "Überprüfen der Zahlungsseite für Großkunden", "修复登录问题（单点登录）", "Ошибка при экспорте отчёта",
        "🚀 Launch checklist for v2", "Corriger l’affichage des accents: é è ê ë", "ログイン画面のレイアウト崩れ",
        "Emoji in titles 👩🏽‍💻🎉 should survive", "עדכון תבנית הדוא\"ל",
    ]
}
