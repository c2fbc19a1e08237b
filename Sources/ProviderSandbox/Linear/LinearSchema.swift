/// The part of Linear's GraphQL schema (linear/linear `packages/sdk/src/schema.graphql`) the
/// sandbox serves: field names, types and arguments as Linear declares them. A request for anything
/// else fails validation as it would at Linear ("Cannot query field …").
enum LinearSchema {
    typealias F = GraphQLSchema.Field

    static let page: Set<String> = ["first", "after", "last", "before", "includeArchived", "orderBy"]
    static let filtered = page.union(["filter"])

    static func connection(_ node: String) -> [String: [String: F]] {
        [
            node + "Connection": [
                "nodes": F("[\(node)!]!"), "edges": F("[\(node)Edge!]!"), "pageInfo": F("PageInfo!"),
            ],
            node + "Edge": ["node": F("\(node)!"), "cursor": F("String!")],
        ]
    }

    static let schema: GraphQLSchema = {
        var objects: [String: [String: F]] = [
            "Query": [
                "viewer": F("User!"), "organization": F("Organization!"),
                "teams": F("TeamConnection!", arguments: filtered), "team": F("Team!", arguments: ["id"]),
                "issues": F("IssueConnection!", arguments: filtered.union(["sort"])),
                "issue": F("Issue!", arguments: ["id"]), "users": F("UserConnection!", arguments: filtered),
                "workflowStates": F("WorkflowStateConnection!", arguments: filtered),
                "issueLabels": F("IssueLabelConnection!", arguments: filtered),
                "projects": F("ProjectConnection!", arguments: filtered),
            ],
            "User": [
                "id": F("ID!"), "name": F("String!"), "displayName": F("String!"), "email": F("String!"),
                "active": F("Boolean!"), "admin": F("Boolean!"), "guest": F("Boolean!"), "timezone": F("String"),
                "url": F("String!"), "isMe": F("Boolean!"), "avatarUrl": F("String"), "createdAt": F("DateTime!"),
                "updatedAt": F("DateTime!"), "archivedAt": F("DateTime"),
            ],
            "Organization": [
                "id": F("ID!"), "name": F("String!"), "urlKey": F("String!"), "createdAt": F("DateTime!"),
                "updatedAt": F("DateTime!"),
            ],
            "Team": [
                "id": F("ID!"), "key": F("String!"), "name": F("String!"), "description": F("String"),
                "createdAt": F("DateTime!"), "updatedAt": F("DateTime!"), "archivedAt": F("DateTime"),
                "private": F("Boolean!"), "states": F("WorkflowStateConnection!", arguments: filtered),
                "labels": F("IssueLabelConnection!", arguments: filtered),
                "issues": F("IssueConnection!", arguments: filtered),
            ],
            "WorkflowState": [
                "id": F("ID!"), "name": F("String!"), "type": F("String!"), "color": F("String!"),
                "position": F("Float!"), "description": F("String"), "team": F("Team!"),
                "createdAt": F("DateTime!"), "updatedAt": F("DateTime!"), "archivedAt": F("DateTime"),
            ],
            "IssueLabel": [
                "id": F("ID!"), "name": F("String!"), "color": F("String!"), "isGroup": F("Boolean!"),
                "description": F("String"), "parent": F("IssueLabel"), "createdAt": F("DateTime!"),
                "updatedAt": F("DateTime!"), "archivedAt": F("DateTime"),
            ],
            "Project": [
                "id": F("ID!"), "name": F("String!"), "url": F("String!"), "description": F("String!"),
                "targetDate": F("TimelessDate"), "startDate": F("TimelessDate"), "state": F("String!"),
                "status": F("ProjectStatus!"), "createdAt": F("DateTime!"), "updatedAt": F("DateTime!"),
                "archivedAt": F("DateTime"),
            ],
            "ProjectStatus": ["id": F("ID!"), "name": F("String!"), "type": F("ProjectStatusType!")],
            "ProjectMilestone": ["id": F("ID!"), "name": F("String!"), "targetDate": F("TimelessDate")],
            "Cycle": [
                "id": F("ID!"), "number": F("Float!"), "name": F("String"), "startsAt": F("DateTime!"),
                "endsAt": F("DateTime!"),
            ],
            "Issue": [
                "id": F("ID!"), "identifier": F("String!"), "number": F("Float!"), "title": F("String!"),
                "description": F("String"), "url": F("String!"), "priority": F("Float!"),
                "priorityLabel": F("String!"), "estimate": F("Float"), "dueDate": F("TimelessDate"),
                "createdAt": F("DateTime!"), "updatedAt": F("DateTime!"), "startedAt": F("DateTime"),
                "completedAt": F("DateTime"), "canceledAt": F("DateTime"), "archivedAt": F("DateTime"),
                "trashed": F("Boolean"), "state": F("WorkflowState!"), "team": F("Team!"), "assignee": F("User"),
                "creator": F("User"), "labels": F("IssueLabelConnection!", arguments: filtered),
                "labelIds": F("[String!]!"), "parent": F("Issue"),
                "children": F("IssueConnection!", arguments: filtered),
                "comments": F("CommentConnection!", arguments: filtered),
                "attachments": F("AttachmentConnection!", arguments: filtered), "project": F("Project"),
                "projectMilestone": F("ProjectMilestone"), "cycle": F("Cycle"),
                "previousIdentifiers": F("[String!]!"), "branchName": F("String!"), "sortOrder": F("Float!"),
                "boardOrder": F("Float!"),
            ],
            "Comment": [
                "id": F("ID!"), "body": F("String!"), "createdAt": F("DateTime!"), "updatedAt": F("DateTime!"),
                "editedAt": F("DateTime"), "archivedAt": F("DateTime"), "url": F("String!"), "user": F("User"),
                "parent": F("Comment"), "issue": F("Issue"), "parentId": F("String"),
            ],
            "Attachment": [
                "id": F("ID!"), "title": F("String!"), "subtitle": F("String"), "url": F("String!"),
                "createdAt": F("DateTime!"), "updatedAt": F("DateTime!"), "archivedAt": F("DateTime"),
                "creator": F("User"), "metadata": F("JSONObject!"), "sourceType": F("String"),
                "groupBySource": F("Boolean!"),
            ],
            "PageInfo": [
                "hasNextPage": F("Boolean!"), "hasPreviousPage": F("Boolean!"), "startCursor": F("String"),
                "endCursor": F("String"),
            ],
        ]
        for node in ["Team", "Issue", "User", "WorkflowState", "IssueLabel", "Project", "Comment", "Attachment"] {
            objects.merge(connection(node)) { current, _ in current }
        }
        let id: [String: String] = ["eq": "ID", "neq": "ID", "in": "[ID!]", "nin": "[ID!]"]
        let string: [String: String] = [
            "eq": "String", "neq": "String", "in": "[String!]", "nin": "[String!]", "eqIgnoreCase": "String",
            "contains": "String", "containsIgnoreCase": "String",
        ]
        let date: [String: String] = [
            "eq": "DateTimeOrDuration", "neq": "DateTimeOrDuration", "gt": "DateTimeOrDuration",
            "gte": "DateTimeOrDuration", "lt": "DateTimeOrDuration", "lte": "DateTimeOrDuration",
            "in": "[DateTimeOrDuration!]", "nin": "[DateTimeOrDuration!]",
        ]
        let number: [String: String] = [
            "eq": "Float", "neq": "Float", "gt": "Float", "gte": "Float", "lt": "Float", "lte": "Float",
            "in": "[Float!]", "nin": "[Float!]",
        ]
        let inputs: [String: [String: String]] = [
            "IDComparator": id, "StringComparator": string, "NullableStringComparator": string,
            "DateComparator": date, "NullableDateComparator": date, "NumberComparator": number,
            "NullableNumberComparator": number, "BooleanComparator": ["eq": "Boolean", "neq": "Boolean"],
            "IssueFilter": [
                "and": "[IssueFilter!]", "or": "[IssueFilter!]", "id": "IDComparator", "team": "TeamFilter",
                "updatedAt": "DateComparator", "createdAt": "DateComparator", "state": "WorkflowStateFilter",
                "assignee": "NullableUserFilter", "labels": "IssueLabelCollectionFilter",
                "number": "NumberComparator", "priority": "NullableNumberComparator",
                "title": "StringComparator", "archivedAt": "NullableDateComparator",
            ],
            "TeamFilter": [
                "and": "[TeamFilter!]", "or": "[TeamFilter!]", "id": "IDComparator", "key": "StringComparator",
                "name": "StringComparator",
            ],
            "WorkflowStateFilter": ["id": "IDComparator", "name": "StringComparator", "type": "StringComparator"],
            "NullableUserFilter": [
                "id": "IDComparator", "email": "StringComparator", "isMe": "BooleanComparator", "null": "Boolean",
            ],
            "IssueLabelCollectionFilter": [
                "some": "IssueLabelFilter", "every": "IssueLabelFilter", "name": "StringComparator",
            ],
            "IssueLabelFilter": ["id": "IDComparator", "name": "StringComparator"],
            "CommentFilter": ["id": "IDComparator", "createdAt": "DateComparator", "updatedAt": "DateComparator"],
            "AttachmentFilter": ["id": "IDComparator", "createdAt": "DateComparator"],
            "UserFilter": ["id": "IDComparator", "email": "StringComparator", "active": "BooleanComparator"],
            "WorkflowStateConnectionFilter": [:],
            "ProjectFilter": ["id": "IDComparator", "name": "StringComparator"],
        ]
        return GraphQLSchema(objects: objects, inputs: inputs)
    }()
}
