/// How the Linear sandbox looks: the world it renders, the credentials it accepts, the workspace's
/// names, and its rate-limit model (Linear's leaky buckets: requests and complexity per window).
public struct LinearSandboxConfig: Sendable {
    /// Issues in the world.
    public var issues: Int
    /// Teams they are spread over.
    public var teams: Int
    /// Team keys instead of `DEMO`, `OPS`, …; their count wins over `teams`.
    public var teamKeys: [String]?
    /// Seeds the world: one seed, one world (the same as the Jira sandbox's for the same numbers).
    public var seed: UInt64
    /// The account the credentials belong to.
    public var email: String
    /// The personal API key, sent as the whole `Authorization` header.
    public var apiKey: String
    /// An OAuth access token, sent as `Bearer …`.
    public var oauthToken: String
    /// The workspace's URL slug (`organization.urlKey`).
    public var urlKey: String
    /// The workspace's name.
    public var organizationName: String
    /// Requests allowed per window before `RATELIMITED`.
    public var requestsPerWindow: Int
    /// Complexity points allowed per window.
    public var complexityPerWindow: Int
    /// The window's length in seconds (Linear: one hour).
    public var windowSeconds: Int
    /// The most complexity one query may have.
    public var maxComplexity: Int
    /// Answer rate limits with HTTP 200 and the error in the body, as Linear has been seen to.
    public var rateLimitedAs200: Bool
    /// Faults injected from the start (latency, 5xx, dropped connections, truncated bodies).
    public var faults: FaultPlan

    /// A sandbox config; the defaults make a small workspace with generous limits.
    public init(
        issues: Int = 120, teams: Int = 2, teamKeys: [String]? = nil, seed: UInt64 = 42,
        email: String = "demo@tributary.test", apiKey: String = "lin_api_sandbox0123456789abcdefghijklmnopqrstuv",
        oauthToken: String = "lin_oauth_sandbox0123456789abcdef", urlKey: String = "tributary-sandbox",
        organizationName: String = "Tributary Sandbox", requestsPerWindow: Int = 5000,
        complexityPerWindow: Int = 3_000_000, windowSeconds: Int = 3600, maxComplexity: Int = 10_000,
        rateLimitedAs200: Bool = false, faults: FaultPlan = FaultPlan()
    ) {
        self.issues = issues
        self.teams = teams
        self.teamKeys = teamKeys
        self.seed = seed
        self.email = email
        self.apiKey = apiKey
        self.oauthToken = oauthToken
        self.urlKey = urlKey
        self.organizationName = organizationName
        self.requestsPerWindow = requestsPerWindow
        self.complexityPerWindow = complexityPerWindow
        self.windowSeconds = windowSeconds
        self.maxComplexity = maxComplexity
        self.rateLimitedAs200 = rateLimitedAs200
        self.faults = faults
    }

    /// The world this Linear renders (the same world a Jira sandbox of the same numbers renders).
    var world: WorldConfig {
        WorldConfig(
            items: issues, containers: teams, containerKeys: teamKeys, seed: seed, tokenEmail: email,
            tokenTimeZone: "Europe/Berlin")
    }
}
