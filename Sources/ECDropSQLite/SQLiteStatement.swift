internal import CSQLite
public import Foundation

/// A prepared statement. Finalize it (or let `withStatement` do it); `deinit` finalizes a
/// forgotten one.
public final class SQLiteStatement {
    private var handle: OpaquePointer?
    private let connection: SQLiteConnection
    public let sql: String

    init(handle: OpaquePointer, connection: SQLiteConnection, sql: String) {
        self.handle = handle
        self.connection = connection
        self.sql = sql
    }

    deinit { finalize() }

    /// Gives up the handle without finalizing it, for the connection's statement cache.
    func detach() -> OpaquePointer? {
        defer { handle = nil }
        return handle
    }

    public func finalize() {
        guard let open = handle else { return }
        handle = nil
        sqlite3_finalize(open)
    }

    // MARK: - Binding

    /// Binds `value` to the 1-based parameter `index`.
    public func bind(_ value: SQLiteValue, at index: Int) throws {
        let statement = try openHandle()
        let position = Int32(index)
        let result: Int32
        switch value {
        case .integer(let number): result = sqlite3_bind_int64(statement, position, number)
        case .real(let number): result = sqlite3_bind_double(statement, position, number)
        case .text(let text): result = sqlite3_bind_text(statement, position, text, -1, transient)
        case .blob(let data):
            // A zero-length blob bound through a null pointer would read back as NULL.
            if data.isEmpty {
                result = sqlite3_bind_zeroblob(statement, position, 0)
            } else {
                result = data.withUnsafeBytes { bytes in
                    sqlite3_bind_blob(statement, position, bytes.baseAddress, Int32(bytes.count), transient)
                }
            }
        case .null: result = sqlite3_bind_null(statement, position)
        }
        try connection.check(result, call: "sqlite3_bind")
    }

    /// Binds `value` to the parameter called `name` (with its `:`, `@` or `$` prefix).
    public func bind(_ value: SQLiteValue, named name: String) throws {
        let index = sqlite3_bind_parameter_index(try openHandle(), name)
        guard index > 0 else {
            throw SQLiteError(
                result: .range, extendedCode: SQLITE_RANGE, call: "sqlite3_bind_parameter_index",
                path: connection.path, detail: "no parameter named \(name) in: \(sql)")
        }
        try bind(value, at: Int(index))
    }

    /// Binds `values` to parameters 1, 2, ….
    public func bind(_ values: [SQLiteValue]) throws {
        for (offset, value) in values.enumerated() { try bind(value, at: offset + 1) }
    }

    public func clearBindings() throws {
        try connection.check(sqlite3_clear_bindings(try openHandle()), call: "sqlite3_clear_bindings")
    }

    // MARK: - Stepping

    /// Advances; true when a row is ready to read, false when the statement is done.
    public func step() throws -> Bool {
        let result = try connection.check(sqlite3_step(try openHandle()), call: "sqlite3_step")
        return result == SQLITE_ROW
    }

    /// Rewinds so the statement can run again with new bindings.
    public func reset() throws {
        try connection.check(sqlite3_reset(try openHandle()), call: "sqlite3_reset")
    }

    // MARK: - Columns (0-based)

    public var columnCount: Int { handle.map { Int(sqlite3_column_count($0)) } ?? 0 }

    public func columnName(at index: Int) -> String {
        guard let handle, let name = sqlite3_column_name(handle, Int32(index)) else { return "" }
        return String(cString: name)
    }

    public func isNull(at index: Int) -> Bool {
        guard let handle else { return true }
        return sqlite3_column_type(handle, Int32(index)) == SQLITE_NULL
    }

    public func int64(at index: Int) -> Int64 {
        handle.map { sqlite3_column_int64($0, Int32(index)) } ?? 0
    }

    public func int(at index: Int) -> Int { Int(int64(at: index)) }

    public func optionalInt(at index: Int) -> Int? { isNull(at: index) ? nil : int(at: index) }

    public func double(at index: Int) -> Double {
        handle.map { sqlite3_column_double($0, Int32(index)) } ?? 0
    }

    public func optionalDouble(at index: Int) -> Double? { isNull(at: index) ? nil : double(at: index) }

    public func string(at index: Int) -> String? {
        guard let handle, let text = sqlite3_column_text(handle, Int32(index)) else { return nil }
        return String(cString: text)
    }

    public func data(at index: Int) -> Data? {
        guard let handle, !isNull(at: index) else { return nil }
        let count = Int(sqlite3_column_bytes(handle, Int32(index)))
        guard count > 0, let bytes = sqlite3_column_blob(handle, Int32(index)) else { return Data() }
        return Data(bytes: bytes, count: count)
    }

    public func value(at index: Int) -> SQLiteValue {
        guard let handle else { return .null }
        switch sqlite3_column_type(handle, Int32(index)) {
        case SQLITE_INTEGER: return .integer(int64(at: index))
        case SQLITE_FLOAT: return .real(double(at: index))
        case SQLITE_TEXT: return .text(string(at: index) ?? "")
        case SQLITE_BLOB: return .blob(data(at: index) ?? Data())
        default: return .null
        }
    }

    private func openHandle() throws -> OpaquePointer {
        guard let handle else {
            throw SQLiteError(
                result: .misuse, extendedCode: SQLITE_MISUSE, call: "use after finalize", path: connection.path,
                detail: "the statement was finalized: \(sql)")
        }
        return handle
    }
}

/// SQLite copies the bytes at once (SQLITE_TRANSIENT).
private let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)
