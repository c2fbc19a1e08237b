import Foundation

/// What to import, from where, into what: the JSON file under `Config/` (see docs/CONFIG.md).
public struct RunConfig: Sendable {
    /// Which connection to use: a stored one by name, or one described inline for unattended runs
    /// (the secret then comes from an environment variable, never from the file).
    public enum ConnectionReference: Sendable, Hashable {
        case named(String)
        case inline(provider: String, url: String, email: String?, tokenEnv: String, authKind: AuthKind)
    }

    public struct Source: Sendable, Hashable {
        public var provider: String
        /// Container keys (Jira project keys, Linear team keys…); `projects` is accepted for it.
        public var containers: [String]
        /// The provider's own filter language (JQL for Jira); `jql` is accepted for it.
        public var filter: String?
        public var since: Timestamp?
        public var assignedToMe = false
        public var includeClosed = true
        /// The N most recently updated records; `nil` imports everything.
        public var cap: Int? = 100
        public var comments = true
        public var worklogs = true
        public var attachments = true
        public var reconcileDeletes = false
        public var pageSize = 100
        public var requestsPerSecond: Double?
        public var maxConcurrentRequests = 4
        /// Seconds one request attempt may take in all (connect, headers and body).
        public var requestTimeoutSeconds = 30
        /// The largest answer accepted from the source, in megabytes after decompression.
        public var maxResponseMegabytes = ConnectionOptions.defaultMaxResponseBytes >> 20
        /// How far an incremental run reaches back before the stored high-water mark.
        public var overlapMinutes = 5
    }

    public struct Destination: Sendable, Hashable {
        public var project: String
        public var createProject = false
        public var createMilestones = false
        /// Projects whose tasks for the same source items are moved into `project` rather than copied;
        /// without it, importing into a second project gives a second copy and moves nothing.
        public var moveFrom: [String] = []
    }

    public struct Mapping: Sendable, Hashable {
        /// Path of the mapping table; `nil`: the provider's default `Providers/<provider>/mapping.json`.
        public var table: String?
        public var params: [String: JSONValue] = [:]
    }

    public var owner: String?
    public var database: String?
    public var connection: ConnectionReference
    public var source: Source
    public var destination: Destination
    public var mapping: Mapping
    /// The file it was read from.
    public var origin: String
    /// The config as written, for the job record.
    public var raw: JSONValue

    /// Identifies "the same config" across runs (to resume an interrupted job).
    public var fingerprint: String { ContentHash.short(raw) }

    // MARK: Parsing

    static let topKeys = [
        "$schema", "description", "owner", "database", "connection", "source", "destination", "mapping",
    ]
    static let sourceKeys = [
        "provider", "containers", "projects", "filter", "jql", "since", "assignedToMe", "includeClosed", "cap",
        "comments", "worklogs",
        "attachments",
        "reconcileDeletes", "pageSize", "requestsPerSecond", "maxConcurrentRequests", "requestTimeoutSeconds",
        "maxResponseMegabytes", "overlapMinutes",
    ]
    static let inlineConnectionKeys = ["provider", "url", "email", "tokenEnv", "authKind"]
    static let destinationKeys = ["project", "createProject", "createMilestones", "moveFrom"]
    static let mappingKeys = ["table", "params"]

    /// Reads a config file; throws `ConfigError` listing every problem.
    public static func load(path: String) throws(ConfigError) -> RunConfig {
        try parse(try ConfigFile.contents(of: path), origin: path)
    }

    public static func parse(_ data: Data, origin: String) throws(ConfigError) -> RunConfig {
        let json = try ConfigFile.document(data, origin: origin)
        var reader = DocumentReader()
        let config = reader.runConfig(json, origin: origin)
        guard reader.problems.isEmpty, let config else { throw ConfigError(origin: origin, problems: reader.problems) }
        return config
    }
}
