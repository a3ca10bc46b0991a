import ECDropCore
import ECDropSQLite
import Foundation

/// The journal in one SQLite file (WAL, busy timeout), owned by an actor: one connection, one
/// writer at a time inside the process; other processes wait on SQLite's busy timeout. It runs
/// on the journal thread, so its disk flushes never hold up the cooperative pool.
public actor SQLiteJobStore: JobStore {
    public nonisolated let path: String
    public nonisolated var unownedExecutor: UnownedSerialExecutor {
        JournalThread.shared.asUnownedSerialExecutor()
    }
    let connection: SQLiteConnection
    let checkpointer: JournalCheckpointer
    let decoder: JSONDecoder

    /// Opens (creating when needed) the journal at `path` and brings its schema up to date; an
    /// upgrade of an existing journal is logged to `logger`, since a large one takes seconds.
    public init(path: String, busyTimeout: TimeInterval = 10, logger: Logger? = nil) throws {
        self.path = path
        let opened: SQLiteConnection
        do {
            opened = try SQLiteConnection(path: path, busyTimeout: busyTimeout)
        } catch let error as SQLiteError {
            throw JournalError(.unavailable, path: path, detail: error.detail, cause: error)
        }
        connection = opened
        decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .secondsSince1970
        let checkpointer = JournalCheckpointer(path: path)
        self.checkpointer = checkpointer
        try Self.prepare(opened, path: path, logger: logger)
        try Self.storage(path) { try checkpointer.watch(opened) }
    }

    deinit {
        checkpointer.stop()
    }

    /// Checkpoints done on the checkpoint thread, off the commits' path.
    public nonisolated var backgroundCheckpoints: Int { checkpointer.completed }

    /// Closes the connection; the store is unusable afterwards.
    public func close() {
        checkpointer.stop()
        try? connection.close()
    }

    static func prepare(_ connection: SQLiteConnection, path: String, logger: Logger?) throws {
        try storage(path) {
            try connection.enableWriteAheadLog()
            try connection.execute("PRAGMA foreign_keys = ON; PRAGMA synchronous = FULL; PRAGMA temp_store = MEMORY")
        }
        let current = try storage(path) { try connection.userVersion() }
        guard current <= JournalSchema.latestVersion else {
            throw JournalError(
                .newerSchema, path: path,
                detail: "has schema version \(current), newer than the \(JournalSchema.latestVersion) this ecdrop knows"
            )
        }
        guard current < JournalSchema.latestVersion else { return }
        let fields: LogMetadata = [
            "journal.path": .string(path), "journal.schema_from": .int(current),
            "journal.schema_to": .int(JournalSchema.latestVersion),
        ]
        // A new journal starts at 0; only an upgrade of an existing one is worth a line.
        if current > 0 { logger?.notice("journal schema upgrading", fields) }
        let started = Date()
        // Migrations rebuild tables, which foreign keys would stop half-way; each one checks them
        // itself before it commits.
        try storage(path) { try connection.execute("PRAGMA foreign_keys = OFF") }
        for version in (current + 1)..<(JournalSchema.latestVersion + 1) {
            try migrate(connection, to: version, path: path)
        }
        try storage(path) { try connection.execute("PRAGMA foreign_keys = ON") }
        if current > 0 {
            let milliseconds = Int(Date().timeIntervalSince(started) * 1000)
            logger?.notice("journal schema upgraded", fields.merging(["journal.upgrade_ms": .int(milliseconds)]) { $1 })
        }
    }

    private static func migrate(_ connection: SQLiteConnection, to version: Int, path: String) throws {
        try storage(path) {
            try connection.transaction {
                // Another process opening the same new journal may have migrated meanwhile;
                // the write lock taken by the transaction makes this second read the truth.
                guard try connection.userVersion() < version else { return }
                try connection.execute(JournalSchema.migrations[version - 1])
                let broken = try connection.query("PRAGMA foreign_key_check") { $0.string(at: 0) ?? "" }
                guard broken.isEmpty else {
                    throw JournalError(
                        .corruptRecord, path: path,
                        detail: "migrating to schema \(version) left \(broken.count) rows in \(Set(broken).sorted()) "
                            + "pointing at records that do not exist, so it was left at its old schema; list them with "
                            + "`sqlite3 <journal> 'PRAGMA foreign_key_check'` and delete them, or restore the journal")
                }
                try connection.setUserVersion(version)
            }
        }
    }

    /// Runs a SQLite step, turning its errors into journal errors that keep the SQLite one as cause.
    @discardableResult
    static func storage<T>(_ path: String, _ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as SQLiteError {
            throw JournalError(.storage, path: path, detail: "\(error.call): \(error.detail)", cause: error)
        }
    }

    @discardableResult
    func storage<T>(_ body: () throws -> T) throws -> T { try Self.storage(path, body) }
}
