/// How much of the source a run asks for.
public enum RunMode: String, Sendable, Hashable {
    /// Everything, oldest update first, so a cursor resumes exactly.
    case full
    /// The N most recently updated records.
    case capped
    /// Only what changed since the last run of the same scope (minus an overlap).
    case incremental
}
