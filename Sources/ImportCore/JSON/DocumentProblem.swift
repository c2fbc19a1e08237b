/// A problem in a document a person wrote (a run config, a mapping table), with the JSON path of the
/// offending part.
public struct DocumentProblem: Sendable, Hashable, CustomStringConvertible {
    /// Where: `source.cap`, `task.fields[3].transforms[0]`, `$` for the whole document.
    public let path: String
    /// What is wrong, and often what to write instead.
    public let message: String

    /// A problem at `path`.
    public init(path: String, message: String) {
        self.path = path
        self.message = message
    }

    /// `path: message`.
    public var description: String { "\(path): \(message)" }
}
