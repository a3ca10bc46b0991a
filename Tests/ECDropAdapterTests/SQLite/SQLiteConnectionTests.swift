import ECDropSQLite
import Foundation
import Testing

@Suite("SQLite connection")
final class SQLiteConnectionTests {
    let folder: URL

    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("ecdrop-sqlite-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: folder) }

    func database(_ name: String = "test.sqlite") -> String { folder.appendingPathComponent(name).path }

    @Test("a new database is created, switched to WAL, and starts at user_version 0")
    func createsInWriteAheadMode() throws {
        let connection = try SQLiteConnection(path: database())
        defer { try? connection.close() }
        #expect(try connection.enableWriteAheadLog() == "wal")
        #expect(try connection.userVersion() == 0)
        try connection.setUserVersion(3)
        #expect(try connection.userVersion() == 3)
        #expect(FileManager.default.fileExists(atPath: database()))
    }

    @Test("every kind of value round-trips through bind and the column getters")
    func roundTripsValues() throws {
        let connection = try SQLiteConnection(path: database())
        defer { try? connection.close() }
        try connection.execute("CREATE TABLE t (i INTEGER, r REAL, s TEXT, b BLOB, n TEXT)")
        let blob = Data([0, 1, 2, 255])
        try connection.run(
            "INSERT INTO t VALUES (?, ?, ?, ?, ?)",
            [.integer(Int64.max), .real(2.5), .text("żółw ✓"), .blob(blob), .null])
        let rows = try connection.query("SELECT i, r, s, b, n FROM t") { row in
            (row.int64(at: 0), row.double(at: 1), row.string(at: 2), row.data(at: 3), row.isNull(at: 4))
        }
        #expect(rows.count == 1)
        #expect(rows[0].0 == Int64.max)
        #expect(rows[0].1 == 2.5)
        #expect(rows[0].2 == "żółw ✓")
        #expect(rows[0].3 == blob)
        #expect(rows[0].4)
    }

    @Test("an empty blob reads back as empty data, not as NULL")
    func emptyBlobIsNotNull() throws {
        let connection = try SQLiteConnection(path: database())
        defer { try? connection.close() }
        try connection.execute("CREATE TABLE t (b BLOB)")
        try connection.run("INSERT INTO t VALUES (?)", [.blob(Data())])
        let value = try connection.query("SELECT b FROM t") { $0.value(at: 0) }.first
        #expect(value == .blob(Data()))
    }

    @Test("named parameters bind by name; an unknown name is a range error that names it")
    func bindsByName() throws {
        let connection = try SQLiteConnection(path: database())
        defer { try? connection.close() }
        try connection.execute("CREATE TABLE t (a TEXT, b INTEGER)")
        try connection.withStatement("INSERT INTO t VALUES (:a, :b)") { statement in
            try statement.bind(.text("x"), named: ":a")
            try statement.bind(.int(7), named: ":b")
            #expect(try statement.step() == false)
            let error = #expect(throws: SQLiteError.self) { try statement.bind(.null, named: ":missing") }
            #expect(error?.result == .range)
            #expect(error?.message.contains(":missing") == true)
        }
        #expect(try connection.query("SELECT b FROM t WHERE a = 'x'") { $0.int(at: 0) } == [7])
    }

    @Test("a statement runs again after reset with new bindings")
    func resetsAndReuses() throws {
        let connection = try SQLiteConnection(path: database())
        defer { try? connection.close() }
        try connection.execute("CREATE TABLE t (a INTEGER)")
        let statement = try connection.prepare("INSERT INTO t VALUES (?)")
        for number in 1...3 {
            try statement.bind(.int(number), at: 1)
            _ = try statement.step()
            try statement.reset()
            try statement.clearBindings()
        }
        statement.finalize()
        #expect(try connection.query("SELECT sum(a) FROM t") { $0.int(at: 0) } == [6])
        #expect(throws: SQLiteError.self) { try statement.step() }
    }

    @Test("cached statements whose texts differ in one byte of the same length each run their own text")
    func cachedStatementsKeepTheirText() throws {
        let connection = try SQLiteConnection(path: database())
        defer { try? connection.close() }
        // Same length, same bytes but one in the middle: the cache key hashes alike for both.
        let padding = String(repeating: " ", count: 200)
        for _ in 0..<3 {
            for digit in 0..<10 {
                let sql = "SELECT \(digit)" + padding + "AS n"
                #expect(try connection.query(sql) { $0.int(at: 0) } == [digit])
            }
        }
    }

    @Test("a failed transaction rolls back everything it wrote")
    func rollsBack() throws {
        let connection = try SQLiteConnection(path: database())
        defer { try? connection.close() }
        try connection.execute("CREATE TABLE t (a INTEGER PRIMARY KEY)")
        try connection.run("INSERT INTO t VALUES (1)")
        #expect(throws: SQLiteError.self) {
            try connection.transaction {
                try connection.run("INSERT INTO t VALUES (2)")
                try connection.run("INSERT INTO t VALUES (1)")
            }
        }
        #expect(try connection.query("SELECT count(*) FROM t") { $0.int(at: 0) } == [1])
    }

    @Test(
        "errors carry the mapped code, the call and SQLite's own message",
        arguments: [
            ("SELEC 1", SQLiteResultCode.error, "sqlite3_prepare_v2", "syntax error"),
            ("SELECT * FROM nowhere", SQLiteResultCode.error, "sqlite3_prepare_v2", "no such table"),
        ])
    func mapsErrors(sql: String, result: SQLiteResultCode, call: String, fragment: String) throws {
        let connection = try SQLiteConnection(path: database())
        defer { try? connection.close() }
        let error = #expect(throws: SQLiteError.self) { _ = try connection.prepare(sql) }
        #expect(error?.result == result)
        #expect(error?.call == call)
        #expect(error?.message.contains(fragment) == true)
        #expect(error?.code == "sqlite.error")
    }

    @Test("a constraint violation maps to .constraint")
    func mapsConstraint() throws {
        let connection = try SQLiteConnection(path: database())
        defer { try? connection.close() }
        try connection.execute("CREATE TABLE t (a INTEGER UNIQUE)")
        try connection.run("INSERT INTO t VALUES (1)")
        let error = #expect(throws: SQLiteError.self) { try connection.run("INSERT INTO t VALUES (1)") }
        #expect(error?.result == .constraint)
        #expect(error?.call == "sqlite3_step")
    }

    @Test("opening a database in a missing folder fails with cantOpen and names the path")
    func missingFolder() throws {
        let path = folder.appendingPathComponent("no/such/dir/db.sqlite").path
        let error = #expect(throws: SQLiteError.self) { _ = try SQLiteConnection(path: path) }
        #expect(error?.result == .cantOpen)
        #expect(error?.message.contains(path) == true)
    }

    @Test("read-only mode refuses writes with readOnly")
    func readOnlyRefusesWrites() throws {
        let writer = try SQLiteConnection(path: database())
        try writer.execute("CREATE TABLE t (a INTEGER)")
        try writer.close()
        let reader = try SQLiteConnection(path: database(), mode: .readOnly)
        defer { try? reader.close() }
        let error = #expect(throws: SQLiteError.self) { try reader.run("INSERT INTO t VALUES (1)") }
        #expect(error?.result == .readOnly)
    }

    @Test("a second writer waits out the busy timeout, then fails with busy")
    func busyTimeout() throws {
        let first = try SQLiteConnection(path: database())
        defer { try? first.close() }
        try first.enableWriteAheadLog()
        try first.execute("CREATE TABLE t (a INTEGER)")
        let second = try SQLiteConnection(path: database(), busyTimeout: 0.05)
        defer { try? second.close() }
        try first.execute("BEGIN IMMEDIATE")
        let error = #expect(throws: SQLiteError.self) { try second.execute("BEGIN IMMEDIATE") }
        #expect(error?.result == .busy)
        #expect(error?.exitCode == .temporaryFailure)
        try first.execute("ROLLBACK")
    }

    @Test("use after close is a misuse error, not a crash")
    func useAfterClose() throws {
        let connection = try SQLiteConnection(path: database())
        try connection.close()
        #expect(!connection.isOpen)
        let error = #expect(throws: SQLiteError.self) { try connection.execute("SELECT 1") }
        #expect(error?.result == .misuse)
    }
}
