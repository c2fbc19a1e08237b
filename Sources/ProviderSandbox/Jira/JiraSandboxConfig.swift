/// How the Jira sandbox looks: size, deployment, accepted credentials, time zone, faults.
public struct JiraSandboxConfig: Sendable {
    /// Jira Cloud (REST v3, ADF, Basic email + API token, scoped tokens through the gateway) or
    /// Data Center (REST v2, wiki text, Bearer personal access tokens, offset pagination).
    public enum Deployment: String, Sendable {
        case cloud = "Cloud"
        case dataCenter = "DataCenter"
    }

    /// Issues in the world.
    public var issues: Int
    /// Projects they are spread over.
    public var projects: Int
    /// Project keys to use instead of `DEMO`, `OPS`, …; their count wins over `projects`.
    public var projectKeys: [String]?
    /// Seeds the world: one seed, one world.
    public var seed: UInt64
    /// Which Jira it behaves like.
    public var deployment: Deployment
    /// The account the valid credentials belong to.
    public var email: String
    /// The valid API token of `email`.
    public var apiToken: String
    /// A scoped Cloud token: refused on the site, accepted through `/ex/jira/{cloudId}`.
    public var scopedToken: String
    /// A scoped token without `read:me`: accepted for data, refused by `/myself`.
    public var scopedTokenWithoutReadMe: String
    /// A token Atlassian has expired: `/myself` answers 401, data endpoints answer anonymously.
    public var expiredToken: String
    /// A Data Center personal access token.
    public var personalAccessToken: String
    /// The token user's time zone: Jira reads JQL dates in it.
    public var userTimeZone: String
    /// Comments and worklogs embedded in a search result before the rest needs its own request.
    public var embeddedChildLimit: Int
    /// Project keys the account may not browse (403 on their issues).
    public var forbiddenProjects: Set<String>
    /// The story points field: Cloud team-managed `customfield_10016` "Story point estimate" by default.
    public var storyPointsField: (id: String, name: String)
    /// Faults injected from the start.
    public var faults: FaultPlan
    /// A burst budget enforced from the start (`nil`: none), as Jira Cloud limits API-token traffic.
    public var burst: BurstBudget?
    /// The site's cloud id (`/_edge/tenant_info`); `nil`: derived from `seed`. Two sites with the same
    /// seed and their own cloud ids serve the same issue ids, as two real Cloud sites do.
    public var cloudID: String?
    /// Whether Cloud serves `POST /changelog/bulkfetch`; off, it answers 404 as a site or proxy
    /// without it does (a client then reads each long changelog by its own pages).
    public var bulkChangelogs = true

    /// A sandbox config; the defaults make a small Cloud site.
    public init(
        issues: Int = 120, projects: Int = 2, seed: UInt64 = 42, deployment: Deployment = .cloud,
        email: String = "demo@tributary.test", apiToken: String = "sandbox-api-token-0123456789",
        scopedToken: String = "sandbox-scoped-token-0123456789",
        scopedTokenWithoutReadMe: String = "sandbox-scoped-noreadme-0123456789",
        expiredToken: String = "sandbox-expired-token-0123456789",
        personalAccessToken: String = "sandbox-pat-0123456789ABCDEF", userTimeZone: String = "Australia/Sydney",
        embeddedChildLimit: Int = 20, forbiddenProjects: Set<String> = [],
        storyPointsField: (id: String, name: String)? = nil,
        projectKeys: [String]? = nil, faults: FaultPlan = FaultPlan(), cloudID: String? = nil,
        burst: BurstBudget? = nil
    ) {
        self.burst = burst
        self.issues = issues
        self.projects = projects
        self.projectKeys = projectKeys
        self.seed = seed
        self.deployment = deployment
        self.email = email
        self.apiToken = apiToken
        self.scopedToken = scopedToken
        self.scopedTokenWithoutReadMe = scopedTokenWithoutReadMe
        self.expiredToken = expiredToken
        self.personalAccessToken = personalAccessToken
        self.userTimeZone = userTimeZone
        self.embeddedChildLimit = embeddedChildLimit
        self.forbiddenProjects = forbiddenProjects
        self.storyPointsField =
            storyPointsField
            ?? (deployment == .cloud
                ? ("customfield_10016", "Story point estimate") : ("customfield_10106", "Story Points"))
        self.faults = faults
        self.cloudID = cloudID
    }

    /// The world this Jira renders: every façade of one config renders the same world.
    var world: WorldConfig {
        WorldConfig(
            items: issues, containers: projects, containerKeys: projectKeys, seed: seed, tokenEmail: email,
            tokenTimeZone: userTimeZone)
    }
}
