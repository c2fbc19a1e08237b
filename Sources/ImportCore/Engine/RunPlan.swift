/// Everything a run resolved before it asks the source for a record: which connection and mapping,
/// which query in which mode, where the records go, and what the user should be warned of.
struct RunPlan: Sendable {
    let config: RunConfig
    let owner: Owner
    let resolved: ResolvedConnection
    let importer: RecordImporter
    let query: RecordQuery
    let mode: RunMode
    /// The destination project; `nil` only in a dry run into a project that does not exist yet.
    let projectID: Int64?
    /// The source instance every row carries.
    let instance: String
    /// Projects whose tasks move into the destination (`destination.moveFrom`).
    let moveFrom: [Int64]
    /// The incremental scope: what "the same import" is for high-water marks.
    let scope: String
    let warnings: [String]
    /// The child kinds this run keeps in sync.
    let managedChildren: Set<RecordKind>

    var provider: String { resolved.provider.id }
    var connection: any ProviderConnection { resolved.connection }
    var redactor: Redactor { resolved.redactor }

    /// Where this run writes, into `projectID` (or the plan's own project).
    func target(projectID: Int64? = nil) -> WriteTarget {
        WriteTarget(
            owner: owner, projectID: projectID ?? self.projectID, source: provider, instance: instance,
            moveFrom: moveFrom, createMilestones: config.destination.createMilestones, managedChildren: managedChildren)
    }
}
