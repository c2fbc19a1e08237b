/// An owner of rows: every connection, job, audit entry and imported row belongs to exactly one.
public struct Owner: Sendable, Hashable {
    /// The destination's id of the owner.
    public let id: Int64
    /// The owner's email, as the command line names them.
    public let email: String

    /// An owner as a destination stores it.
    public init(id: Int64, email: String) {
        self.id = id
        self.email = email
    }
}
