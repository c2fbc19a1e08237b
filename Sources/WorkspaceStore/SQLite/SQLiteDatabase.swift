import CSQLite
import Foundation
import ImportCore

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A connection to one SQLite database file: prepared and cached statements, bound parameters only,
/// transactions, WAL journal, a busy timeout and foreign keys on.
///
/// Calls are serialised by an internal lock, so one connection may be shared by tasks; a transaction
/// holds the lock until it ends. Use one connection per process and database file.
public final class SQLiteDatabase: @unchecked Sendable {
    /// The file this connection opened (`:memory:` for an in-memory database).
    public let path: String
    private var handle: OpaquePointer?
    private let lock = NSRecursiveLock()
    private var statements: [String: OpaquePointer] = [:]
    private var transactionDepth = 0
    /// The variables SQL functions read, kept alive as long as the connection.
    private var variables: [SQLiteVariable] = []

    /// SQLite's way of saying "copy the bytes before returning".
    private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

    /// Opens (creating if needed) the database at `path`.
    /// - Parameter busyTimeoutMilliseconds: how long a statement waits for another connection's lock.
    public init(path: String, busyTimeoutMilliseconds: Int32 = 10_000, readOnly: Bool = false) throws(SQLiteError) {
        self.path = path
        var db: OpaquePointer?
        // A new database (and so its -wal and -shm, which SQLite creates with the database's mode) is
        // for the user alone; a path that is a symlink is refused rather than followed.
        if path != ":memory:", !path.hasPrefix("file:") {
            var info = stat()
            if lstat(path, &info) == 0, info.st_mode & S_IFMT == S_IFLNK {
                throw SQLiteError(
                    code: SQLITE_CANTOPEN,
                    message:
                        "\(path) is a symlink, which Tributary does not follow; give the path of the database itself",
                    sql: nil)
            }
            if !readOnly { PrivateFile.createIfMissing(path) }
        }
        let flags =
            (readOnly ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE) | SQLITE_OPEN_FULLMUTEX
            | SQLITE_OPEN_NOFOLLOW
        let status = sqlite3_open_v2(path, &db, flags, nil)
        guard status == SQLITE_OK, let db else {
            let message = db.map { String(cString: sqlite3_errmsg($0)) } ?? "cannot open"
            sqlite3_close_v2(db)
            throw SQLiteError(code: status, message: "\(message) (file: \(path))", sql: nil)
        }
        handle = db
        sqlite3_extended_result_codes(db, 1)
        sqlite3_busy_timeout(db, busyTimeoutMilliseconds)
        if !readOnly {
            if path != ":memory:" {
                try execute("PRAGMA journal_mode = WAL")
            }
            try execute("PRAGMA synchronous = NORMAL")
        }
        try execute("PRAGMA foreign_keys = ON")
        // Savepoint and statement journals in memory: each imported record is its own savepoint, and
        // on disk those journals cost one write per touched page per record (15× the WAL's writes).
        try execute("PRAGMA temp_store = MEMORY")
    }

    deinit {
        for statement in statements.values { sqlite3_finalize(statement) }
        sqlite3_close_v2(handle)
    }

    /// Closes the connection now; later calls fail.
    public func close() {
        lock.lock()
        defer { lock.unlock() }
        for statement in statements.values { sqlite3_finalize(statement) }
        statements.removeAll()
        sqlite3_close_v2(handle)
        handle = nil
    }

    // MARK: Functions

    /// Defines the SQL function `name()` on this connection, answering the returned variable's
    /// value: what this process sets, statements and triggers read.
    public func defineVariable(named name: String) throws(SQLiteError) -> SQLiteVariable {
        lock.lock()
        defer { lock.unlock() }
        guard let db = handle else { throw closedError(name) }
        let variable = SQLiteVariable()
        let answer: @convention(c) (OpaquePointer?, Int32, UnsafeMutablePointer<OpaquePointer?>?) -> Void = {
            context, _, _ in
            guard let box = sqlite3_user_data(context) else { return sqlite3_result_null(context) }
            let variable = Unmanaged<SQLiteVariable>.fromOpaque(box).takeUnretainedValue()
            if let value = variable.value { sqlite3_result_int64(context, value) } else { sqlite3_result_null(context) }
        }
        let status = sqlite3_create_function_v2(
            db, name, 0, SQLITE_UTF8 | SQLITE_INNOCUOUS, Unmanaged.passUnretained(variable).toOpaque(), answer, nil,
            nil, nil)
        guard status == SQLITE_OK else { throw error(status, name) }
        variables.append(variable)
        return variable
    }

    // MARK: Statements

    /// Runs one statement (or several, without parameters) and returns the number of rows it changed.
    @discardableResult
    public func execute(_ sql: String, _ parameters: [SQLValue] = []) throws(SQLiteError) -> Int {
        lock.lock()
        defer { lock.unlock() }
        guard let db = handle else { throw closedError(sql) }
        if parameters.isEmpty, sql.contains(";") {
            var message: UnsafeMutablePointer<CChar>?
            let status = sqlite3_exec(db, sql, nil, nil, &message)
            if status != SQLITE_OK {
                let text = message.map { String(cString: $0) } ?? String(cString: sqlite3_errmsg(db))
                sqlite3_free(message)
                throw SQLiteError(code: status, message: text, sql: sql)
            }
            return Int(sqlite3_changes(db))
        }
        let statement = try prepared(sql)
        defer {
            sqlite3_reset(statement)
            sqlite3_clear_bindings(statement)
        }
        try bind(parameters, to: statement, sql: sql)
        while true {
            let status = sqlite3_step(statement)
            if status == SQLITE_DONE { break }
            if status == SQLITE_ROW { continue }
            throw error(status, sql)
        }
        return Int(sqlite3_changes(db))
    }

    /// Runs a query and returns every row.
    public func query(_ sql: String, _ parameters: [SQLValue] = []) throws(SQLiteError) -> [SQLRow] {
        var rows: [SQLRow] = []
        try forEachRow(sql, parameters) { rows.append($0) }
        return rows
    }

    /// Runs a query and returns its first row, if any.
    public func queryOne(_ sql: String, _ parameters: [SQLValue] = []) throws(SQLiteError) -> SQLRow? {
        var first: SQLRow?
        try forEachRow(sql, parameters, limit: 1) { first = $0 }
        return first
    }

    /// The first column of the first row, or `.null`.
    public func scalar(_ sql: String, _ parameters: [SQLValue] = []) throws(SQLiteError) -> SQLValue {
        try queryOne(sql, parameters)?.values.first ?? .null
    }

    /// Streams rows to `body` without holding them all in memory.
    public func forEachRow(
        _ sql: String, _ parameters: [SQLValue] = [], limit: Int = .max, _ body: (SQLRow) throws -> Void
    ) throws(SQLiteError) {
        lock.lock()
        defer { lock.unlock() }
        let statement = try prepared(sql)
        defer {
            sqlite3_reset(statement)
            sqlite3_clear_bindings(statement)
        }
        try bind(parameters, to: statement, sql: sql)
        let count = Int(sqlite3_column_count(statement))
        var names: [String] = []
        names.reserveCapacity(count)
        for column in 0..<count { names.append(String(cString: sqlite3_column_name(statement, Int32(column)))) }
        let columns = SQLRow.Columns(names: names)
        var produced = 0
        while produced < limit {
            let status = sqlite3_step(statement)
            if status == SQLITE_DONE { break }
            guard status == SQLITE_ROW else { throw error(status, sql) }
            var values: [SQLValue] = []
            values.reserveCapacity(count)
            for column in 0..<Int32(count) { values.append(read(statement, column)) }
            do {
                try body(SQLRow(columns: columns, values: values))
            } catch let failure as SQLiteError {
                throw failure
            } catch {
                throw SQLiteError(code: -1, message: "\(error)", sql: sql)
            }
            produced += 1
        }
    }

    /// The rowid of the last row inserted on this connection.
    public var lastInsertRowID: Int64 {
        lock.lock()
        defer { lock.unlock() }
        return handle.map { sqlite3_last_insert_rowid($0) } ?? 0
    }

    /// Rows changed, inserted or deleted since the connection opened (SQLite's `total_changes`).
    public var totalChanges: Int {
        lock.lock()
        defer { lock.unlock() }
        return handle.map { Int(sqlite3_total_changes($0)) } ?? 0
    }

    /// The statements this connection has prepared and keeps, as their SQL: what a test holds
    /// against the query planner, so that no statement run per record scans a growing table.
    public var preparedStatements: [String] {
        lock.lock()
        defer { lock.unlock() }
        return Array(statements.keys)
    }

    // MARK: Transactions

    /// Runs `body` in a transaction: committed when it returns, rolled back when it throws.
    /// Nested calls become savepoints. `immediate` takes the write lock at the start, which avoids
    /// deadlocks between two writers that both began by reading.
    public func transaction<T>(immediate: Bool = true, _ body: () throws -> T) throws -> T {
        lock.lock()
        defer { lock.unlock() }
        let depth = transactionDepth
        let savepoint = "tributary_sp_\(depth)"
        if depth == 0 {
            try execute(immediate ? "BEGIN IMMEDIATE" : "BEGIN")
        } else {
            try execute("SAVEPOINT \(savepoint)")
        }
        transactionDepth += 1
        do {
            let result = try body()
            transactionDepth -= 1
            if depth == 0 {
                try execute("COMMIT")
            } else {
                try execute("RELEASE \(savepoint)")
            }
            return result
        } catch {
            transactionDepth -= 1
            if depth == 0 {
                _ = try? execute("ROLLBACK")
            } else {
                _ = try? execute("ROLLBACK TO \(savepoint)")
                _ = try? execute("RELEASE \(savepoint)")
            }
            throw error
        }
    }

    // MARK: Internals

    private func prepared(_ sql: String) throws(SQLiteError) -> OpaquePointer {
        if let cached = statements[sql] { return cached }
        guard let db = handle else { throw closedError(sql) }
        var statement: OpaquePointer?
        let status = sqlite3_prepare_v3(db, sql, -1, UInt32(SQLITE_PREPARE_PERSISTENT), &statement, nil)
        guard status == SQLITE_OK, let statement else { throw error(status, sql) }
        statements[sql] = statement
        return statement
    }

    private func bind(_ parameters: [SQLValue], to statement: OpaquePointer, sql: String) throws(SQLiteError) {
        let expected = Int(sqlite3_bind_parameter_count(statement))
        guard expected == parameters.count else {
            throw SQLiteError(
                code: SQLITE_RANGE, message: "statement takes \(expected) parameters, \(parameters.count) given",
                sql: sql)
        }
        for (offset, value) in parameters.enumerated() {
            let position = Int32(offset + 1)
            let status: Int32
            switch value {
            case .null: status = sqlite3_bind_null(statement, position)
            case .integer(let number): status = sqlite3_bind_int64(statement, position, number)
            case .real(let number): status = sqlite3_bind_double(statement, position, number)
            case .text(let text): status = sqlite3_bind_text(statement, position, text, -1, SQLiteDatabase.transient)
            case .blob(let bytes):
                status = bytes.withUnsafeBytes { raw in
                    sqlite3_bind_blob(statement, position, raw.baseAddress, Int32(raw.count), SQLiteDatabase.transient)
                }
            }
            if status != SQLITE_OK { throw error(status, sql) }
        }
    }

    private func read(_ statement: OpaquePointer, _ column: Int32) -> SQLValue {
        switch sqlite3_column_type(statement, column) {
        case SQLITE_INTEGER: return .integer(sqlite3_column_int64(statement, column))
        case SQLITE_FLOAT: return .real(sqlite3_column_double(statement, column))
        case SQLITE_TEXT:
            guard let text = sqlite3_column_text(statement, column) else { return .text("") }
            let count = Int(sqlite3_column_bytes(statement, column))
            return .text(String(decoding: UnsafeBufferPointer(start: text, count: count), as: UTF8.self))
        case SQLITE_BLOB:
            let count = Int(sqlite3_column_bytes(statement, column))
            guard count > 0, let raw = sqlite3_column_blob(statement, column) else { return .blob([]) }
            return .blob(Array(UnsafeRawBufferPointer(start: raw, count: count)))
        default: return .null
        }
    }

    private func error(_ status: Int32, _ sql: String) -> SQLiteError {
        let message = handle.map { String(cString: sqlite3_errmsg($0)) } ?? "database is closed"
        let code = handle.map { sqlite3_extended_errcode($0) } ?? status
        return SQLiteError(code: code, message: message, sql: sql)
    }

    private func closedError(_ sql: String) -> SQLiteError {
        SQLiteError(code: SQLITE_MISUSE, message: "the database connection is closed", sql: sql)
    }
}
