/// Stored attachment files that were removed because nothing could refer to them any more.
public struct RemovedFiles: Sendable, Equatable {
    /// How many files were removed.
    public var files = 0
    /// How many bytes they held.
    public var bytes: Int64 = 0

    /// None removed yet.
    public init() {}
}
