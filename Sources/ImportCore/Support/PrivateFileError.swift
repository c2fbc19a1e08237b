import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Why a private file could not be written.
public struct PrivateFileError: Error, Sendable, CustomStringConvertible, CategorizedError {
    /// A private file that cannot be kept private is a failure (exit 1).
    public var category: ErrorCategory { .failure }

    /// The file.
    public let path: String
    /// What is wrong with it.
    public let reason: String

    /// The message, with what to do next.
    public var description: String {
        "cannot write \(path): \(reason)\n  hint: check that its folder exists and is yours, or choose another path."
    }
}
