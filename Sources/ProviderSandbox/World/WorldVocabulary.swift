/// The words and people of the sandbox world, shared by every provider's façade: the people (two
/// hide their email), the containers' keys and names, labels, components, versions, and the pools
/// that titles are drawn from, and the workflow: statuses, priorities and resolutions. Items hold
/// indexes into these lists; each façade lists them in the same order with its own ids.
enum WorldVocabulary {
    /// A person of the world: a stable id, a handle, a display name and, unless hidden, an email.
    struct User {
        let accountID: String, name: String, displayName: String, email: String?, timeZone: String
    }

    /// A workflow state: its name and its category (`new`, `indeterminate`, `done`, `undefined`).
    struct Status {
        let name: String, category: String
    }

    /// The workflow's states, in the order items index them.
    static let statuses: [Status] = [
        Status(name: "To Do", category: "new"), Status(name: "Backlog", category: "new"),
        Status(name: "In Progress", category: "indeterminate"), Status(name: "In Review", category: "indeterminate"),
        Status(name: "Blocked", category: "indeterminate"), Status(name: "Impediment", category: "new"),
        Status(name: "Done", category: "done"), Status(name: "Closed", category: "done"),
        Status(name: "Won't Do", category: "done"), Status(name: "Triage", category: "undefined"),
    ]

    /// Priorities, in the order items index them.
    static let priorities = ["Highest", "High", "Medium", "Low", "Lowest", "Blocker", "Critical", "Minor", "Trivial"]

    /// Why a done item is done, in the order items index them.
    static let resolutions = ["Done", "Won't Do", "Duplicate", "Cannot Reproduce"]

    /// How often each status is drawn, in the order of `statuses`.
    static let statusWeights = [18, 8, 20, 8, 4, 2, 22, 8, 3, 2]

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
