import ImportCore

/// Maps any error to the message and exit code the CLI shows: every error type reports its
/// `ErrorCategory`, and the category decides the code.
enum ErrorReport {
    static func describe(_ error: any Error) -> (String, ExitCode) {
        if let error = error as? CLIError { return (error.message, error.exitCode) }
        let category = (error as? any CategorizedError)?.category ?? .failure
        return (String(describing: error), exitCode(category))
    }

    /// The documented exit code of a category.
    static func exitCode(_ category: ErrorCategory) -> ExitCode {
        switch category {
        case .authentication: .authentication
        case .configuration: .usage
        case .failure: .failure
        case .interrupted: .interrupted
        }
    }
}
