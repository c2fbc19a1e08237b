import ImportCore

/// A person of the world as Linear's `User`: every member has an email, even those Jira hides.
struct LinearUserNode: GraphQLResolvable {
    let view: LinearView
    let index: Int
    var typeName: String { "User" }

    func resolve(_ name: String, arguments: [String: JSONValue]) throws(GraphQLError) -> GraphQLOutput {
        let user = view.world.users[index]
        switch name {
        case "id": return .value(.string(view.uuid("user", index)))
        case "name": return .value(.string(user.displayName))
        case "displayName": return .value(.string(user.name))
        case "email": return .value(.string(view.email(user)))
        case "active": return .value(true)
        case "admin": return .value(.bool(index == view.viewer))
        case "guest": return .value(false)
        case "timezone": return .value(.string(user.timeZone))
        case "url": return .value(.string("\(view.base)/\(view.urlKey)/profiles/\(user.name)"))
        case "isMe": return .value(.bool(index == view.viewer))
        case "avatarUrl", "archivedAt": return .value(.null)
        default: return .value(.string(LinearView.time(SandboxWorld.epoch - 86_400_000 * Int64(30 + index))))
        }
    }
}
