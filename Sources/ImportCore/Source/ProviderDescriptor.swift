/// What a provider is, as the registry and `tributary providers` show it.
public struct ProviderDescriptor: Sendable, Hashable {
    /// Whether a provider can import today or only does the parts that need no server yet.
    public enum Readiness: Sendable, Hashable {
        case ready
        /// A registered stub; `works` lists what it can already do.
        case stub(works: [String], missing: [String])

        /// The name with a note when the provider is not real yet (listings).
        public var label: String {
            switch self {
            case .ready: return "ready"
            case .stub: return "stub"
            }
        }
    }

    /// Stable lowercase id, used in configs, `external_source` and audit actions (`jira`).
    public let id: String
    /// The name people know it by (`Jira`).
    public let displayName: String
    /// Auth kinds the provider accepts, preferred first.
    public let authKinds: [AuthKind]
    /// The API base URL when it is the same for every account (`https://app.asana.com/api/1.0`);
    /// `nil` when each account has its own site (Jira).
    public let defaultBaseURL: String?
    /// The request that verifies credentials, for documentation (`GET /rest/api/3/myself`).
    public let verifyEndpoint: String
    /// How the provider pages through records, for documentation.
    public let pagination: String
    /// What a container is called in this source (`project`, `list`, `team`).
    public let containerNoun: String
    /// The child kinds its records can bring (a run asking for others is warned and goes on).
    public let childKinds: Set<RecordKind>
    /// Whether it imports today or is a stub.
    public let readiness: Readiness
    /// The most requests in flight at once when a config does not say: the bound the adaptive pace
    /// may grow to, as high as the source's limits allow without a burst the source would refuse.
    public let maxConcurrentRequests: Int

    /// A provider's description.
    public init(
        id: String, displayName: String, authKinds: [AuthKind], defaultBaseURL: String?, verifyEndpoint: String,
        pagination: String, containerNoun: String, childKinds: Set<RecordKind> = [.comment, .worklog, .attachment],
        readiness: Readiness, maxConcurrentRequests: Int = 4
    ) {
        self.id = id
        self.displayName = displayName
        self.authKinds = authKinds
        self.defaultBaseURL = defaultBaseURL
        self.verifyEndpoint = verifyEndpoint
        self.pagination = pagination
        self.containerNoun = containerNoun
        self.childKinds = childKinds
        self.readiness = readiness
        self.maxConcurrentRequests = maxConcurrentRequests
    }
}
