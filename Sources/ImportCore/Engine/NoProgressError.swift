/// Pages that do not move forward, whatever the provider: a cursor handed out before (a loop), or
/// empty pages that keep promising more. The engine stops such a run instead of looping forever.
public struct NoProgressError: Error, Sendable, CustomStringConvertible, CategorizedError {
    public var category: ErrorCategory { .failure }

    public let provider: String
    public let detail: String

    public var description: String {
        "\(provider): no progress: \(detail)\n  hint: the source kept answering without moving forward, so the import stopped instead of looping; what was committed is kept and a later run resumes from it. If it persists, run with --verbose and report it."
    }
}
