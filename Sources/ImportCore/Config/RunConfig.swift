import Foundation

/// What to import, from where, into what: the JSON file under `Config/` (see docs/CONFIG.md).
public struct RunConfig: Sendable {
    /// Which connection to use: a stored one by name, or one described inline for unattended runs
    /// (the secret then comes from an environment variable, never from the file).
    public enum ConnectionReference: Sendable, Hashable {
        case named(String)
        case inline(provider: String, url: String, email: String?, tokenEnv: String, authKind: AuthKind)
    }

    /// What to read and how.
    public struct Source: Sendable, Hashable {
        /// The provider's id (`jira`).
        public var provider: String
        /// Container keys (Jira project keys, Linear team keys…); `projects` is accepted for it.
        public var containers: [String]
        /// The provider's own filter language (JQL for Jira); `jql` is accepted for it.
        public var filter: String?
        /// Only records updated at or after this instant.
        public var since: Timestamp?
        /// Only records assigned to the connection's own account.
        public var assignedToMe = false
        /// Whether done and closed records come too.
        public var includeClosed = true
        /// The N most recently updated records; `nil` imports everything.
        public var cap: Int? = 100
        /// Whether comments are imported.
        public var comments = true
        /// Whether worklogs are imported.
        public var worklogs = true
        /// Whether attachments are imported.
        public var attachments = true
        /// Whether their content is downloaded too (`attachments: "content"`), not only their metadata.
        public var attachmentContent = false
        /// The largest attachment downloaded, in megabytes; larger ones are listed in the report.
        public var attachmentMaxMegabytes = 100
        /// The most attachment content one run downloads, in megabytes; the rest waits for the next run.
        public var attachmentBudgetMegabytes = 10_240
        /// Attachment downloads in flight at once.
        public var attachmentConcurrency = 4
        /// Seconds one attachment download may take.
        public var attachmentTimeoutSeconds = 600
        /// Whether rows the source no longer lists are marked deleted after a full listing.
        public var reconcileDeletes = false
        /// Whether a large run lists ids first and fetches the records in bulk, several requests at once
        /// (Jira Cloud): `auto` when the source is far enough for it to pay, `always`, or `never` (the
        /// one-page-after-another search).
        public var bulkFetch = "auto"
        /// Records asked for per page.
        public var pageSize = 100
        /// A ceiling on request rate; `nil`: as fast as the source's limits allow.
        public var requestsPerSecond: Double?
        /// The most requests in flight at once (the pace grows to it while the source answers fast and
        /// clean); `nil`: the provider's own bound.
        public var maxConcurrentRequests: Int?
        /// Seconds one request attempt may take in all (connect, headers and body).
        public var requestTimeoutSeconds = 30
        /// The largest answer accepted from the source, in megabytes after decompression.
        public var maxResponseMegabytes = ConnectionOptions.defaultMaxResponseBytes >> 20
        /// How far an incremental run reaches back before the stored high-water mark.
        public var overlapMinutes = 5
    }

    /// Where the records go.
    public struct Destination: Sendable, Hashable {
        /// The destination project's name.
        public var project: String
        /// Whether a missing project is created (else the run stops and says so).
        public var createProject = false
        /// Whether milestones named by records but missing are created.
        public var createMilestones = false
        /// Projects whose tasks for the same source items are moved into `project` rather than copied;
        /// without it, importing into a second project gives a second copy and moves nothing.
        public var moveFrom: [String] = []
    }

    /// Which mapping table and with which parameters.
    public struct Mapping: Sendable, Hashable {
        /// Path of the mapping table; `nil`: the provider's default `Providers/<provider>/mapping.json`.
        public var table: String?
        /// Overrides of the table's `params` (`hoursPerStoryPoint`).
        public var params: [String: JSONValue] = [:]
    }

    /// How the source's people match workspace users beyond their visible email.
    public struct People: Sendable, Hashable {
        /// Account id or source email → workspace email, written in the config.
        public var map = UserMap()
        /// A file with more of the same (relative to the config's folder); the config's entries win.
        public var mapFile: String?
    }

    /// The owner the run writes for (else the flag or `TRIBUTARY_OWNER`).
    public var owner: String?
    /// The store to write into (else the flag or `TRIBUTARY_DB`).
    public var database: String?
    /// The stored connection to read through.
    public var connection: ConnectionReference
    /// What to read.
    public var source: Source
    /// Where to write.
    public var destination: Destination
    /// How to map.
    public var mapping: Mapping
    /// How people match.
    public var people = People()
    /// The file it was read from.
    public var origin: String
    /// The file whose folder its relative paths start from: the config's own, or the batch file
    /// that holds it inline.
    public var pathsRelativeTo: String = ""

    /// The stored connection the config names (`nil` for an inline connection).
    public var connectionName: String? {
        if case .named(let name) = connection { return name }
        return nil
    }

    /// The workspace file the config names, resolved against its folder (`nil`: it names none).
    public var databasePath: String? {
        database.map { ConfigPaths.resolve($0, relativeTo: pathsRelativeTo.isEmpty ? origin : pathsRelativeTo) }
    }
    /// The config as written, for the job record.
    public var raw: JSONValue

    /// Identifies "the same config" across runs (to resume an interrupted job). The source's key
    /// names do not count: `containers`/`filter` and Jira's `projects`/`jql` say the same thing, and
    /// hash under the older names so fingerprints recorded before the neutral names stay valid.
    public var fingerprint: String {
        guard case .object(var top) = raw, case .object(var source)? = top["source"] else {
            return ContentHash.short(raw)
        }
        for (neutral, older) in [("containers", "projects"), ("filter", "jql")] where source[older] == nil {
            if let value = source.removeValue(forKey: neutral) { source[older] = value }
        }
        top["source"] = .object(source)
        return ContentHash.short(.object(top))
    }

    // MARK: Parsing

    static let topKeys = [
        "$schema", "description", "owner", "database", "connection", "source", "destination", "mapping", "people",
    ]
    static let sourceKeys = [
        "provider", "containers", "projects", "filter", "jql", "since", "assignedToMe", "includeClosed", "cap",
        "comments", "worklogs",
        "attachments", "attachmentMaxMegabytes", "attachmentBudgetMegabytes", "attachmentConcurrency",
        "attachmentTimeoutSeconds", "reconcileDeletes", "bulkFetch", "pageSize", "requestsPerSecond",
        "maxConcurrentRequests",
        "requestTimeoutSeconds",
        "maxResponseMegabytes", "overlapMinutes",
    ]
    static let inlineConnectionKeys = ["provider", "url", "email", "tokenEnv", "authKind"]
    static let destinationKeys = ["project", "createProject", "createMilestones", "moveFrom"]
    static let mappingKeys = ["table", "params"]
    static let peopleKeys = ["map", "mapFile", "description"]

    /// The user map the run applies: the file's entries, then the config's own.
    public func userMap() throws(ConfigError) -> UserMap {
        var map = UserMap()
        if let file = people.mapFile {
            map = try UserMap.load(
                path: ConfigPaths.resolve(file, relativeTo: pathsRelativeTo.isEmpty ? origin : pathsRelativeTo))
        }
        return map.merging(people.map)
    }

    /// Reads a config file; throws `ConfigError` listing every problem.
    public static func load(path: String) throws(ConfigError) -> RunConfig {
        try parse(try ConfigFile.contents(of: path), origin: path)
    }

    /// A run config from JSON, or every problem in it with its path.
    public static func parse(_ data: Data, origin: String) throws(ConfigError) -> RunConfig {
        let json = try ConfigFile.document(data, origin: origin)
        var reader = DocumentReader()
        let config = reader.runConfig(json, origin: origin)
        guard reader.problems.isEmpty, let config else { throw ConfigError(origin: origin, problems: reader.problems) }
        return config
    }
}
