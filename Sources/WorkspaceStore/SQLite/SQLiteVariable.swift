import Synchronization

/// A value this process sets and SQL reads through a function of no arguments (`name()`), such as
/// the job a transaction writes for: triggers see it without a table written to hold it.
public final class SQLiteVariable: Sendable {
    private let storage = Mutex<Int64?>(nil)

    /// The value SQL reads (`NULL` when `nil`).
    public var value: Int64? {
        get { storage.withLock { $0 } }
        set { storage.withLock { $0 = newValue } }
    }
}
