import Foundation

extension SQLiteConnection {
    /// Prepares `sql`, hands the statement to `body`, and finalizes it on every path.
    public func withStatement<T>(_ sql: String, _ body: (SQLiteStatement) throws -> T) throws -> T {
        let statement = try prepare(sql)
        defer { statement.finalize() }
        return try body(statement)
    }

    /// Like `withStatement`, but keeps the prepared statement for the next call with the same
    /// text: preparing costs more than running the small statements of the journal. A statement
    /// in use is taken out of the cache, so a nested call with the same text prepares its own.
    public func withCachedStatement<T>(_ sql: String, _ body: (SQLiteStatement) throws -> T) throws -> T {
        let key = StatementText(text: sql)
        let statement =
            try statementCache.removeValue(forKey: key).map { SQLiteStatement(handle: $0, connection: self, sql: sql) }
            ?? prepare(sql)
        defer {
            // Reset reports the last step's error again; that error was thrown already.
            try? statement.reset()
            try? statement.clearBindings()
            if isOpen, statementCache.count < Self.statementCacheLimit, let handle = statement.detach() {
                statementCache[key] = handle
            } else {
                statement.finalize()
            }
        }
        return try body(statement)
    }

    /// Runs one statement with positional values; returns the number of rows changed.
    @discardableResult
    public func run(_ sql: String, _ values: [SQLiteValue] = []) throws -> Int {
        try withCachedStatement(sql) { statement in
            try statement.bind(values)
            while try statement.step() {}
            return changes
        }
    }

    /// Runs one query with positional values and maps every row.
    public func query<T>(_ sql: String, _ values: [SQLiteValue] = [], row: (SQLiteStatement) throws -> T) throws -> [T]
    {
        try withCachedStatement(sql) { statement in
            try statement.bind(values)
            var rows: [T] = []
            while try statement.step() { rows.append(try row(statement)) }
            return rows
        }
    }

    /// `PRAGMA user_version`: the schema version the migrations have reached.
    public func userVersion() throws -> Int {
        try withStatement("PRAGMA user_version") { statement in
            try statement.step() ? statement.int(at: 0) : 0
        }
    }

    public func setUserVersion(_ version: Int) throws {
        try execute("PRAGMA user_version = \(version)")
    }

    /// Switches to write-ahead logging and returns the journal mode now in force
    /// (`wal`, or `memory` for an in-memory database).
    @discardableResult
    public func enableWriteAheadLog() throws -> String {
        // Switching a new file to WAL upgrades a shared lock, and SQLite answers BUSY at once there
        // instead of calling the busy handler (waiting could deadlock); so this waits itself.
        let deadline = Date().addingTimeInterval(busyTimeout)
        while true {
            do {
                return try withStatement("PRAGMA journal_mode = WAL") { statement in
                    try statement.step() ? statement.string(at: 0) ?? "" : ""
                }
            } catch let error as SQLiteError where error.result == .busy && Date() < deadline {
                Thread.sleep(forTimeInterval: 0.005)
            }
        }
    }

    /// Runs `body` inside `BEGIN IMMEDIATE … COMMIT`; rolls back when it throws.
    public func transaction<T>(_ body: () throws -> T) throws -> T {
        try enclosed("BEGIN IMMEDIATE", "COMMIT", undo: ["ROLLBACK"], step: execute, body)
    }

    /// Runs `body` inside a savepoint: when it throws, only its own changes are undone and the
    /// surrounding transaction goes on. Its statements are prepared once and kept (`run`): a batch
    /// of intake writes takes one savepoint per write.
    public func savepoint<T>(_ name: String, _ body: () throws -> T) throws -> T {
        try enclosed(
            "SAVEPOINT \(name)", "RELEASE \(name)", undo: ["ROLLBACK TO \(name)", "RELEASE \(name)"],
            step: { try run($0) }, body)
    }

    /// `begin`, the body, then `end`; the `undo` statements instead of `end` when the body throws.
    private func enclosed<T>(
        _ begin: String, _ end: String, undo: [String], step: (String) throws -> Void, _ body: () throws -> T
    ) throws -> T {
        try step(begin)
        do {
            let value = try body()
            try step(end)
            return value
        } catch {
            for statement in undo { try? step(statement) }
            throw error
        }
    }
}
