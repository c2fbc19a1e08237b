import ImportCore

/// A failure reported by SQLite, with SQLite's own message and the statement that caused it.
public struct SQLiteError: Error, Sendable, CustomStringConvertible, CategorizedError {
    /// A database failure fails the run (exit 1).
    public var category: ErrorCategory { .failure }

    /// SQLite's extended result code.
    public let code: Int32
    /// SQLite's message, verbatim.
    public let message: String
    /// The statement text (never its bound values, which may hold user data).
    public let sql: String?

    /// An error from SQLite's code and message, with the statement that failed.
    public init(code: Int32, message: String, sql: String?) {
        self.code = code
        self.message = message
        self.sql = sql
    }

    /// True when the database was locked by another connection for longer than the busy timeout.
    public var isBusy: Bool { code & 0xFF == 5 || code & 0xFF == 6 }

    /// True for a UNIQUE, NOT NULL, FOREIGN KEY or CHECK violation.
    public var isConstraintViolation: Bool { code & 0xFF == 19 }

    /// The message, with what to do next.
    public var description: String {
        var text = "SQLite error \(code): \(message)"
        if let sql { text += " (in: \(sql.prefix(160)))" }
        if isBusy {
            text += ". Another process holds the database; wait for it to finish or raise the busy timeout."
        } else if code & 0xFF == 11 || code & 0xFF == 26 {
            text += ". The database file is damaged or not a database; restore it from a backup or use another --db."
        }
        return text
    }
}
