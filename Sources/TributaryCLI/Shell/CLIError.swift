/// A failure the CLI reports and maps to an exit code. Messages say what to do next.
public struct CLIError: Error, Sendable, CustomStringConvertible {
    /// What went wrong and what to do next.
    public let message: String
    /// The exit code it ends with.
    public let exitCode: ExitCode

    /// A failure ending with `exitCode`.
    public init(_ message: String, exitCode: ExitCode = .failure) {
        self.message = message
        self.exitCode = exitCode
    }

    /// A wrong command line (exit 2).
    public static func usage(_ message: String) -> CLIError { CLIError(message, exitCode: .usage) }

    /// The message.
    public var description: String { message }
}
