internal import CSQLite
public import Foundation

/// One open SQLite database. Not thread-safe by design: an actor owns it and calls it.
/// Close it explicitly; `deinit` closes a forgotten one.
public final class SQLiteConnection {
    public enum Mode: Sendable {
        case readOnly
        case readWrite
        case readWriteCreate

        var flags: Int32 {
            let base = SQLITE_OPEN_NOMUTEX
            switch self {
            case .readOnly: return base | SQLITE_OPEN_READONLY
            case .readWrite: return base | SQLITE_OPEN_READWRITE
            case .readWriteCreate: return base | SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE
            }
        }
    }

    public let path: String
    /// How long a call waits for another connection's lock before it gives up.
    public let busyTimeout: TimeInterval
    var handle: OpaquePointer?
    /// Prepared statements kept for reuse by `run` and `query`, keyed by their text.
    /// Raw handles, so the cache holds no statement object that would keep this connection alive.
    var statementCache: [StatementText: OpaquePointer] = [:]
    /// Statement texts kept at most; past it, new texts are prepared for one use.
    static let statementCacheLimit = 64
    /// Installed by `onWriteAheadLogCommit`; SQLite holds only a raw pointer to it.
    var commitHook: CommitHook?

    /// Opens (and with `.readWriteCreate` creates) the database at `path`, waiting up to
    /// `busyTimeout` seconds whenever another connection holds a lock.
    public init(path: String, mode: Mode = .readWriteCreate, busyTimeout: TimeInterval = 5) throws {
        self.path = path
        self.busyTimeout = busyTimeout
        var opened: OpaquePointer?
        let result = sqlite3_open_v2(path, &opened, mode.flags, nil)
        handle = opened
        guard result == SQLITE_OK else {
            let error = makeError(result, call: "sqlite3_open_v2")
            sqlite3_close_v2(opened)
            handle = nil
            throw error
        }
        sqlite3_extended_result_codes(opened, 1)
        try check(sqlite3_busy_timeout(opened, Int32(busyTimeout * 1000)), call: "sqlite3_busy_timeout")
    }

    deinit {
        finalizeCachedStatements()
        if let handle {
            sqlite3_wal_hook(handle, nil, nil)
            sqlite3_close_v2(handle)
        }
    }

    func finalizeCachedStatements() {
        for statement in statementCache.values { sqlite3_finalize(statement) }
        statementCache = [:]
    }

    public var isOpen: Bool { handle != nil }

    /// Closes the database. Statements still open keep it alive until they are finalized.
    public func close() throws {
        guard let open = handle else { return }
        finalizeCachedStatements()
        handle = nil
        sqlite3_wal_hook(open, nil, nil)
        commitHook = nil
        try check(sqlite3_close_v2(open), call: "sqlite3_close_v2")
    }

    /// Runs one or more statements that take no parameters and return no rows of interest.
    public func execute(_ sql: String) throws {
        var message: UnsafeMutablePointer<CChar>?
        let result = sqlite3_exec(try openHandle(), sql, nil, nil, &message)
        defer { sqlite3_free(message) }
        guard result == SQLITE_OK else {
            let detail = message.map { String(cString: $0) } ?? String(cString: sqlite3_errstr(result))
            throw SQLiteError(
                result: SQLiteResultCode(primary: result), extendedCode: result, call: "sqlite3_exec",
                path: path, detail: detail)
        }
    }

    public func prepare(_ sql: String) throws -> SQLiteStatement {
        var statement: OpaquePointer?
        try check(sqlite3_prepare_v2(try openHandle(), sql, -1, &statement, nil), call: "sqlite3_prepare_v2")
        return SQLiteStatement(handle: statement!, connection: self, sql: sql)
    }

    /// Rows changed by the last INSERT, UPDATE or DELETE.
    public var changes: Int { handle.map { Int(sqlite3_changes($0)) } ?? 0 }

    public var lastInsertRowID: Int64 { handle.map { sqlite3_last_insert_rowid($0) } ?? 0 }

    // MARK: - The one funnel for result codes

    @discardableResult
    func check(_ result: Int32, call: String) throws -> Int32 {
        switch result {
        case SQLITE_OK, SQLITE_ROW, SQLITE_DONE: return result
        default: throw makeError(result, call: call)
        }
    }

    func makeError(_ result: Int32, call: String) -> SQLiteError {
        let detail = handle.map { String(cString: sqlite3_errmsg($0)) } ?? String(cString: sqlite3_errstr(result))
        return SQLiteError(
            result: SQLiteResultCode(primary: result), extendedCode: result, call: call, path: path, detail: detail)
    }

    func openHandle() throws -> OpaquePointer {
        guard let handle else {
            throw SQLiteError(
                result: .misuse, extendedCode: SQLITE_MISUSE, call: "use after close", path: path,
                detail: "the connection is closed")
        }
        return handle
    }
}
