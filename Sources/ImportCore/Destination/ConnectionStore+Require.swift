extension ConnectionStore {
    /// The owner's connection named `name`, or `WorkspaceError.connectionNotFound`.
    public func requireConnection(owner: Owner, name: String) throws -> ConnectionRecord {
        guard let record = try connection(owner: owner, name: name) else {
            throw WorkspaceError.connectionNotFound(name: name, owner: owner.email)
        }
        return record
    }
}
