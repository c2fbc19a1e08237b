/// A work item in Tributary's own shape, produced from one raw record by a mapping table.
/// Children (comments, worklogs, attachments, checklist items) travel with it.
public struct CanonicalTask: Sendable, Hashable {
    /// Where the task comes from: source, id, key, URL, update time.
    public var ref: ExternalRef
    /// The source container key (Jira project key), for delete reconciliation.
    public var container: String?
    /// The title.
    public var title: String
    /// The description as text.
    public var description: String?
    /// `Not Started`, `In Progress`, `Blocked`, `Completed` (or what the mapping table says).
    public var status: String
    /// The priority in the workspace's terms (`high`).
    public var priority: String?
    /// The category in the workspace's terms (`bug`).
    public var category: String?
    /// `yyyy-MM-dd` or ISO-8601.
    public var dueDate: String?
    /// The estimate in hours.
    public var estimatedHours: Double?
    /// The story points.
    public var storyPoints: Double?
    /// The status as the source names it.
    public var sourceStatus: String?
    /// The priority as the source names it.
    public var sourcePriority: String?
    /// The type as the source names it.
    public var sourceType: String?
    /// Labels.
    public var labels: [String]
    /// The source id of the parent record, linked to `parent_task_id` when both ends are imported.
    public var parentExternalID: String?
    /// The milestone it belongs to, by title.
    public var milestone: MilestoneReference?
    /// The people it is assigned to.
    public var assignees: [UserReference]
    /// Mapped custom fields (`custom.<name>` targets), stored as JSON.
    public var custom: [String: JSONValue]
    /// Its comments.
    public var comments: [CanonicalComment]
    /// Its worklogs.
    public var worklogs: [CanonicalWorklog]
    /// Its attachments.
    public var attachments: [CanonicalAttachment]
    /// Its checklist (subtasks rendered as items, for example).
    public var checklist: [CanonicalChecklistItem]
    /// When the source archived or trashed it while still listing it (Linear's `archivedAt`): the row
    /// is kept and marked deleted, and restored once the source stops saying so.
    public var deletedAt: String?
    /// When the source created it (never the import's time).
    public var createdAt: String?
    /// When the source resolved it, if it is resolved.
    public var resolvedAt: String?
    /// Who reported it at the source.
    public var reporter: UserReference?
    /// The sprints it was planned in, oldest first.
    public var sprints: [CanonicalSprint] = []
    /// Its links to other records, each stored once per pair.
    public var links: [CanonicalLink] = []
    /// Its change history, for the fields the mapping table keeps.
    public var history: [CanonicalHistoryItem] = []

    /// A task.
    public init(
        ref: ExternalRef, container: String? = nil, title: String, description: String? = nil,
        status: String = "Not Started", priority: String? = nil, category: String? = nil, dueDate: String? = nil,
        estimatedHours: Double? = nil, storyPoints: Double? = nil, sourceStatus: String? = nil,
        sourcePriority: String? = nil, sourceType: String? = nil, labels: [String] = [],
        parentExternalID: String? = nil, milestone: MilestoneReference? = nil, assignees: [UserReference] = [],
        custom: [String: JSONValue] = [:], comments: [CanonicalComment] = [], worklogs: [CanonicalWorklog] = [],
        attachments: [CanonicalAttachment] = [], checklist: [CanonicalChecklistItem] = [], deletedAt: String? = nil
    ) {
        self.ref = ref
        self.container = container
        self.title = title
        self.description = description
        self.status = status
        self.priority = priority
        self.category = category
        self.dueDate = dueDate
        self.estimatedHours = estimatedHours
        self.storyPoints = storyPoints
        self.sourceStatus = sourceStatus
        self.sourcePriority = sourcePriority
        self.sourceType = sourceType
        self.labels = labels
        self.parentExternalID = parentExternalID
        self.milestone = milestone
        self.assignees = assignees
        self.custom = custom
        self.comments = comments
        self.worklogs = worklogs
        self.attachments = attachments
        self.checklist = checklist
        self.deletedAt = deletedAt
    }
}
