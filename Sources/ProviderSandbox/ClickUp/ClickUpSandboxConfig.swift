/// How the ClickUp sandbox looks: the world it renders, the token it accepts, the Workspace's name,
/// and ClickUp's limit (requests a minute per token, by plan).
public struct ClickUpSandboxConfig: Sendable {
    /// Tasks in the world (subtasks included).
    public var issues: Int
    /// Lists they are spread over (the first in a folder, the others folderless in the same space).
    public var lists: Int
    /// Seeds the world: one seed, one world (the same as the Jira sandbox's for the same numbers).
    public var seed: UInt64
    /// The account the token belongs to.
    public var email: String
    /// The personal token (`pk_…`), sent as the whole `Authorization` header.
    public var token: String
    /// An OAuth access token of an app, sent as `Bearer …`.
    public var oauthToken: String
    /// The Workspace's name (a "team" in API v2).
    public var workspaceName: String
    /// Requests a minute before a 429 (ClickUp: 100 on the smaller plans, 1,000 on Business Plus,
    /// 10,000 on Enterprise).
    public var requestsPerMinute: Int
    /// The length of the limit's window in seconds: ClickUp's is a minute; tests shorten it to see
    /// the import pace itself through several windows in seconds.
    public var windowSeconds: Double
    /// Faults injected from the start (latency, 5xx, dropped connections, truncated bodies).
    public var faults: FaultPlan

    /// A sandbox config; the defaults make a small Workspace on the Enterprise plan's limit.
    public init(
        issues: Int = 120, lists: Int = 2, seed: UInt64 = 42, email: String = "demo@tributary.test",
        token: String = "pk_81000000_SANDBOXCLICKUPTOKEN0123456789ABCDEF",
        oauthToken: String = "81000000_sandboxoauthaccesstoken0123456789abcdef",
        workspaceName: String = "Tributary Sandbox",
        requestsPerMinute: Int = 10_000, windowSeconds: Double = 60, faults: FaultPlan = FaultPlan()
    ) {
        self.issues = issues
        self.lists = lists
        self.seed = seed
        self.email = email
        self.token = token
        self.oauthToken = oauthToken
        self.workspaceName = workspaceName
        self.requestsPerMinute = requestsPerMinute
        self.windowSeconds = windowSeconds
        self.faults = faults
    }

    /// The world this ClickUp renders (the same world a Jira sandbox of the same numbers renders).
    var world: WorldConfig {
        WorldConfig(
            items: issues, containers: lists, containerKeys: nil, seed: seed, tokenEmail: email,
            tokenTimeZone: "Europe/Berlin")
    }
}
