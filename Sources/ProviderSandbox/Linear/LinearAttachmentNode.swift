import ImportCore

/// An attachment as Linear's `Attachment`: a titled link (files live on `uploads.linear.app` and
/// need the key; the sandbox serves them under its own `/uploads/`), with size and type in `metadata`.
struct LinearAttachmentNode: GraphQLResolvable {
    let view: LinearView
    let item: WorkItem
    let attachment: WorkItem.Child
    var typeName: String { "Attachment" }

    func resolve(_ name: String, arguments: [String: JSONValue]) throws(GraphQLError) -> GraphQLOutput {
        let id = view.uuid("attachment", attachment.id)
        switch name {
        case "id": return .value(.string(id))
        case "title": return .value(.string(attachment.text))
        case "subtitle": return .value(.string(attachment.mimeType))
        case "url": return .value(.string("\(view.base)/uploads/\(id)/\(attachment.text)"))
        case "createdAt": return .value(.string(LinearView.time(attachment.created)))
        case "updatedAt": return .value(.string(LinearView.time(attachment.updated)))
        case "archivedAt": return .value(.null)
        case "creator": return .object(LinearUserNode(view: view, index: attachment.author))
        case "metadata":
            return .value(["size": .number(Double(attachment.size)), "contentType": .string(attachment.mimeType)])
        case "sourceType": return .value("upload")
        default: return .value(false)
        }
    }
}
