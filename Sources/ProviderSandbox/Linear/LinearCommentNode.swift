import ImportCore

/// A comment as Linear's `Comment`: Markdown body, author, and the comment it replies to (threads).
struct LinearCommentNode: GraphQLResolvable {
    let view: LinearView
    let item: WorkItem
    let comment: WorkItem.Child
    var typeName: String { "Comment" }

    func resolve(_ name: String, arguments: [String: JSONValue]) throws(GraphQLError) -> GraphQLOutput {
        let id = view.uuid("comment", comment.id)
        switch name {
        case "id": return .value(.string(id))
        case "body": return .value(.string(comment.text))
        case "createdAt": return .value(.string(LinearView.time(comment.created)))
        case "updatedAt": return .value(.string(LinearView.time(comment.updated)))
        case "editedAt":
            return .value(comment.updated > comment.created ? .string(LinearView.time(comment.updated)) : .null)
        case "archivedAt": return .value(.null)
        case "url": return .value(.string("\(view.issueURL(item))#comment-\(id.prefix(8))"))
        case "user": return .object(LinearUserNode(view: view, index: comment.author))
        case "parent":
            let parent = comment.replyTo.flatMap { reply in item.comments.first { $0.id == reply } }
            return .object(parent.map { LinearCommentNode(view: view, item: item, comment: $0) })
        case "parentId": return .value(JSONValue(comment.replyTo.map { view.uuid("comment", $0) }))
        default: return .object(LinearIssueNode(view: view, item: item))
        }
    }
}
