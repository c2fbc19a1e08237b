import Foundation

/// Plans a run: opens the connection the config names, loads and checks the mapping table, finds the
/// destination project and the source instance, and decides the query and the mode. Reads only,
/// except for recording a newly learnt source instance (and adopting rows written before instances).
struct RunPlanner: Sendable {
    let destination: any ImportDestination
    let connections: any ConnectionStore
    let registry: ProviderRegistry
    let environment: [String: String]
    let vault: @Sendable () throws -> CredentialVault

    /// Opens the connection the config names (no I/O), so every later failure can be redacted with
    /// its secrets. The mapping table is checked first: its problems need no connection to be found.
    func resolveConnection(_ config: RunConfig, owner: Owner, requestLog: HTTPClient.Logger?) throws
        -> ResolvedConnection
    {
        let source = config.source
        let bound = source.maxConcurrentRequests ?? registry.provider(source.provider)?.descriptor.maxConcurrentRequests
        let options = ConnectionOptions(
            maxConcurrentRequests: bound ?? 4, requestsPerSecond: source.requestsPerSecond,
            requestTimeout: Double(source.requestTimeoutSeconds), maxResponseBytes: source.maxResponseMegabytes << 20,
            extras: ["always": ["bulkFetch": "on"], "never": ["bulkFetch": "off"]][source.bulkFetch] ?? [:])
        _ = try mappingSource(config).table()
        return try ConnectionResolver.resolve(
            config.connection, provider: source.provider, owner: owner, connections: connections, registry: registry,
            environment: environment, options: options, vault: vault, requestLog: requestLog)
    }

    /// The mapping table `config` means: its own, one on disk, or the provider's built-in copy.
    func mappingSource(_ config: RunConfig) throws(ConfigError) -> MappingSource {
        try MappingLocator.source(
            for: config, provider: registry.provider(config.source.provider), environment: environment)
    }

    /// The plan of a run of `config` through `resolved`.
    func plan(
        _ config: RunConfig, owner: Owner, resolved: ResolvedConnection, incremental: Bool, dryRun: Bool
    ) async throws -> RunPlan {
        let source = config.source
        let tableSource = try mappingSource(config)
        let table = try tableSource.table()
        guard table.provider == resolved.provider.id else {
            throw ConfigError(
                origin: config.origin, path: "mapping.table",
                message:
                    "\(tableSource.origin) maps \(table.provider) records, but the source is \(resolved.provider.id)")
        }
        var warnings: [String] = []
        let catalog =
            table.customFields.isEmpty
            ? [] : try await SourceFacts(destination: destination).fieldCatalog(resolved, owner: owner, for: table)
        for problem in MappingValidator.validate(table, fields: catalog) where problem.path.hasPrefix("customFields.") {
            warnings.append("\(problem.path): \(problem.message); that field stays empty")
        }
        var params = config.mapping.params
        if params["baseUrl"] == nil || params["baseUrl"]?.stringValue?.isEmpty == true {
            params["baseUrl"] = .string(resolved.connection.siteURL)
        }
        let evaluator = MappingEvaluator(table: table, overrides: params, fields: catalog)
        let people = try config.userMap()

        let projectID = try destination.projectID(owner: owner, name: config.destination.project)
        if projectID == nil, !config.destination.createProject, !dryRun {
            throw WorkspaceError.projectNotFound(name: config.destination.project)
        }
        var moveFrom: [Int64] = []
        for (index, name) in config.destination.moveFrom.enumerated() {
            guard let id = try destination.projectID(owner: owner, name: name) else {
                throw ConfigError(
                    origin: config.origin, path: "destination.moveFrom[\(index)]",
                    message: "no project named \"\(name)\" in this workspace to move tasks from")
            }
            moveFrom.append(id)
        }
        let instance = try await SourceFacts(destination: destination).instance(
            resolved, owner: owner, connections: connections)

        // Children: the kinds the config asks for and the provider can bring (warned about otherwise).
        var wanted: Set<RecordKind> = []
        if source.comments { wanted.insert(.comment) }
        if source.worklogs { wanted.insert(.worklog) }
        if source.attachments { wanted.insert(.attachment) }
        let supported = resolved.provider.descriptor.childKinds
        for kind in wanted.subtracting(supported).sorted(by: { $0.rawValue < $1.rawValue }) {
            warnings.append("\(resolved.provider.displayName) has no \(kind.rawValue)s to import: skipped")
        }
        let children = wanted.intersection(supported)
        var fields = table.resolvedSourcePaths(fieldIDs: evaluator.fieldIDs)
        for kind in RecordKind.childKinds where !children.contains(kind) && !RecordKind.alwaysManaged.contains(kind) {
            guard let root = table.identity.childSources[kind] else { continue }
            fields.removeAll { $0 == root || $0.hasPrefix(root + ".") || $0.hasPrefix(root + "[") }
        }

        // The scope's keys are stored with high-water marks: they keep their first names.
        var scopeFacts: [String: JSONValue] = [
            "owner": .number(Double(owner.id)), "provider": .string(resolved.provider.id),
            "connection": .string(resolved.label),
            "projects": .array(source.containers.sorted().map(JSONValue.string)), "jql": JSONValue(source.filter),
            "assignedToMe": .bool(source.assignedToMe), "includeClosed": .bool(source.includeClosed),
            "since": JSONValue(source.since?.iso8601), "destination": .string(config.destination.project),
            "table": .string(SHA256.hex(Array(tableSource.data))),
            "params": .object(params),
        ]
        // A changed user map changes what records resolve to: the next incremental run reads everything.
        if !people.isEmpty { scopeFacts["people"] = .string(people.fingerprint) }
        let scope = ContentHash.short(.object(scopeFacts))
        var query = RecordQuery(
            containers: source.containers, filter: source.filter, since: source.since,
            assignedToMe: source.assignedToMe, includeClosed: source.includeClosed, order: .oldestFirst,
            pageSize: source.pageSize, limit: nil, fields: fields, children: children)
        try resolved.provider.validate(query)
        var mode = RunMode.full
        if incremental {
            if let mark = try destination.highWaterMark(owner: owner, scope: scope), let stamp = Timestamp.parse(mark) {
                mode = .incremental
                query.updatedSince = stamp.adding(milliseconds: -Int64(source.overlapMinutes) * 60_000)
            } else {
                warnings.append("no earlier run of this config to continue from: running a full import")
            }
        } else if let cap = source.cap {
            mode = .capped
            query.order = .recentFirst
            query.limit = cap
        }
        if !(table.records[.task]?.rules.contains(where: { $0.target == "external_updated_at" }) ?? false) {
            warnings.append("the mapping does not write external_updated_at: incremental runs will import everything")
        }
        return RunPlan(
            config: config, owner: owner, resolved: resolved,
            importer: RecordImporter(
                evaluator: evaluator, source: resolved.provider.id, redactor: resolved.redactor, people: people),
            query: query, mode: mode, projectID: projectID, instance: instance, moveFrom: moveFrom, scope: scope,
            warnings: warnings, managedChildren: children.union(RecordKind.alwaysManaged))
    }
}
