/// A person named by a source record (assignee, comment author). Matched to an existing
/// `user_profiles` row by email; Tributary never creates users from an import.
public struct UserReference: Sendable, Hashable {
    /// `nil` when the source hides it.
    public let email: String?
    /// The name the source shows.
    public let displayName: String?
    /// The source's account id.
    public let externalID: String?

    /// A person as a source names them.
    public init(email: String?, displayName: String? = nil, externalID: String? = nil) {
        self.email = email
        self.displayName = displayName
        self.externalID = externalID
    }
}
