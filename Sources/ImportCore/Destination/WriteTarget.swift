/// Where and how one run writes its records: the destination project, the source instance every row
/// carries, and the run's choices about milestones, children and moves.
public struct WriteTarget: Sendable, Hashable {
    /// The owner of every row written.
    public let owner: Owner
    /// The destination project (`nil` in a dry run whose project does not exist yet: every record is new).
    public let projectID: Int64?
    /// The provider id, stored as `external_source`.
    public let source: String
    /// The source instance, stored as `external_instance`.
    public let instance: String
    /// Projects whose tasks for the same source items move into this one instead of being copied.
    public let moveFrom: [Int64]
    /// Whether a milestone that matches no title is created.
    public let createMilestones: Bool
    /// The child kinds this run keeps in sync; the others are left as they are.
    public let managedChildren: Set<RecordKind>

    /// A target for one run.
    public init(
        owner: Owner, projectID: Int64?, source: String, instance: String, moveFrom: [Int64] = [],
        createMilestones: Bool = false, managedChildren: Set<RecordKind> = Set(RecordKind.childKinds)
    ) {
        self.owner = owner
        self.projectID = projectID
        self.source = source
        self.instance = instance
        self.moveFrom = moveFrom
        self.createMilestones = createMilestones
        self.managedChildren = managedChildren
    }
}
