/// How the Asana sandbox looks: the world it renders, the token it accepts, the workspace's name,
/// and Asana's limits (requests a minute, the page size, how long a page's offset stays valid).
public struct AsanaSandboxConfig: Sendable {
    /// Tasks in the world.
    public var issues: Int
    /// Projects they are spread over.
    public var projects: Int
    /// Seeds the world: one seed, one world (the same as the Jira sandbox's for the same numbers).
    public var seed: UInt64
    /// The account the token belongs to.
    public var email: String
    /// The personal access token, sent as `Bearer …`.
    public var token: String
    /// The workspace's name.
    public var workspaceName: String
    /// Requests a minute before a 429 (Asana: 150 on the free plan, 1,500 on paid ones).
    public var requestsPerMinute: Int
    /// Seconds a page's `offset` token stays valid (Asana's expire; a stored cursor must not rely on them).
    public var offsetLifetimeSeconds: Int
    /// Faults injected from the start (latency, 5xx, dropped connections, truncated bodies).
    public var faults: FaultPlan

    /// A sandbox config; the defaults make a small workspace with a paid plan's limit.
    public init(
        issues: Int = 120, projects: Int = 2, seed: UInt64 = 42, email: String = "demo@tributary.test",
        token: String = "2/1200000000001/1200000000002:sandboxasanatoken0123456789",
        workspaceName: String = "Tributary Sandbox", requestsPerMinute: Int = 1500, offsetLifetimeSeconds: Int = 600,
        faults: FaultPlan = FaultPlan()
    ) {
        self.issues = issues
        self.projects = projects
        self.seed = seed
        self.email = email
        self.token = token
        self.workspaceName = workspaceName
        self.requestsPerMinute = requestsPerMinute
        self.offsetLifetimeSeconds = offsetLifetimeSeconds
        self.faults = faults
    }

    /// The world this Asana renders (the same world a Jira sandbox of the same numbers renders).
    var world: WorldConfig {
        WorldConfig(
            items: issues, containers: projects, containerKeys: nil, seed: seed, tokenEmail: email,
            tokenTimeZone: "Europe/Berlin")
    }
}
