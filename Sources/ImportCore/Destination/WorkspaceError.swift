/// A workspace-level failure: the thing asked for is not there, or not this owner's.
public enum WorkspaceError: Error, Sendable, Equatable, CustomStringConvertible, CategorizedError {
    /// A store problem is a failure of the run (exit 1).
    public var category: ErrorCategory { .failure }

    case schemaTooNew(found: Int, supported: Int)
    case migrationBrokeReferences(version: Int, table: String)
    case connectionNotFound(name: String, owner: String)
    case connectionExists(name: String)
    case connectionRevoked(name: String)
    case connectionAlreadyRevoked(name: String)
    case projectNotFound(name: String)
    case jobNotFound(id: Int64)
    case invalid(String)

    /// The message, with what to do next.
    public var description: String {
        switch self {
        case .schemaTooNew(let found, let supported):
            return
                "the database was written by a newer Tributary (schema \(found), this one knows \(supported))\n  hint: upgrade tributary, or use another --db."
        case .migrationBrokeReferences(let version, let table):
            return
                "schema migration \(version) would leave rows of \(table) pointing at nothing; nothing was changed\n  hint: keep a copy of the database and report this: it is a bug."
        case .connectionNotFound(let name, let owner):
            return
                "no connection named \"\(name)\" for \(owner)\n  hint: `tributary connections` lists this owner's connections; `tributary connect` creates one."
        case .connectionExists(let name):
            return
                "a connection named \"\(name)\" already exists\n  hint: pick another --name, or use `tributary rotate \(name)` to replace its token."
        case .connectionRevoked(let name):
            return
                "the connection \"\(name)\" was disconnected and holds no token\n  hint: connect it again: `tributary connect PROVIDER --name \(name) …` with a new token."
        case .connectionAlreadyRevoked(let name):
            return
                "the connection \"\(name)\" is already disconnected: it holds no token, nothing was changed\n  hint: `tributary connect PROVIDER --name \(name) …` connects it again."
        case .projectNotFound(let name):
            return
                "no destination project named \"\(name)\"\n  hint: set \"createProject\": true in the config's destination, or name an existing project."
        case .jobNotFound(let id):
            return "no import job \(id) for this owner\n  hint: `tributary jobs` lists this owner's jobs."
        case .invalid(let message):
            return message
        }
    }
}
