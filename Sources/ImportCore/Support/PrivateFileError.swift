import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Why a private file could not be written.
public struct PrivateFileError: Error, Sendable, CustomStringConvertible, CategorizedError {
    public var category: ErrorCategory { .failure }

    public let path: String
    public let reason: String

    public var description: String {
        "cannot write \(path): \(reason)\n  hint: check that its folder exists and is yours, or choose another path."
    }
}
