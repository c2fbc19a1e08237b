/// Pages that do not move forward, whatever the provider: a cursor handed out before (a loop), or
/// empty pages that keep promising more. The engine stops such a run instead of looping forever.
public struct NoProgressError: Error, Sendable, CustomStringConvertible, CategorizedError {
    /// A source that stops making progress fails the run (exit 1).
    public var category: ErrorCategory { .failure }

    /// The provider whose pages stopped moving.
    public let provider: String
    /// What repeated (the cursor, the page).
    public let detail: String

    /// The message, with what to do next.
    public var description: String {
        "\(provider): no progress: \(detail)\n  hint: the source kept answering without moving forward, so the import stopped instead of looping; what was committed is kept and a later run resumes from it. If it persists, run with --verbose and report it."
    }
}
