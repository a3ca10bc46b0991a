internal import CSQLite
public import ECDropCore

/// SQLite's primary result codes, as Swift sees them.
public enum SQLiteResultCode: Sendable, Hashable, CustomStringConvertible {
    case ok, error, `internal`, permission, abort, busy, locked, noMemory, readOnly, interrupt
    case ioError, corrupt, notFound, full, cantOpen, `protocol`, schema, tooBig, constraint
    case mismatch, misuse, noLargeFiles, authorization, range, notADatabase, row, done
    case other(Int32)

    init(primary code: Int32) {
        switch code & 0xff {
        case SQLITE_OK: self = .ok
        case SQLITE_ERROR: self = .error
        case SQLITE_INTERNAL: self = .internal
        case SQLITE_PERM: self = .permission
        case SQLITE_ABORT: self = .abort
        case SQLITE_BUSY: self = .busy
        case SQLITE_LOCKED: self = .locked
        case SQLITE_NOMEM: self = .noMemory
        case SQLITE_READONLY: self = .readOnly
        case SQLITE_INTERRUPT: self = .interrupt
        case SQLITE_IOERR: self = .ioError
        case SQLITE_CORRUPT: self = .corrupt
        case SQLITE_NOTFOUND: self = .notFound
        case SQLITE_FULL: self = .full
        case SQLITE_CANTOPEN: self = .cantOpen
        case SQLITE_PROTOCOL: self = .protocol
        case SQLITE_SCHEMA: self = .schema
        case SQLITE_TOOBIG: self = .tooBig
        case SQLITE_CONSTRAINT: self = .constraint
        case SQLITE_MISMATCH: self = .mismatch
        case SQLITE_MISUSE: self = .misuse
        case SQLITE_NOLFS: self = .noLargeFiles
        case SQLITE_AUTH: self = .authorization
        case SQLITE_RANGE: self = .range
        case SQLITE_NOTADB: self = .notADatabase
        case SQLITE_ROW: self = .row
        case SQLITE_DONE: self = .done
        default: self = .other(code)
        }
    }

    /// Lowercase and stable: used in error codes such as `sqlite.busy`.
    public var description: String {
        switch self {
        case .ok: "ok"
        case .error: "error"
        case .internal: "internal"
        case .permission: "permission"
        case .abort: "abort"
        case .busy: "busy"
        case .locked: "locked"
        case .noMemory: "no_memory"
        case .readOnly: "read_only"
        case .interrupt: "interrupt"
        case .ioError: "io_error"
        case .corrupt: "corrupt"
        case .notFound: "not_found"
        case .full: "full"
        case .cantOpen: "cant_open"
        case .protocol: "protocol"
        case .schema: "schema"
        case .tooBig: "too_big"
        case .constraint: "constraint"
        case .mismatch: "mismatch"
        case .misuse: "misuse"
        case .noLargeFiles: "no_large_files"
        case .authorization: "authorization"
        case .range: "range"
        case .notADatabase: "not_a_database"
        case .row: "row"
        case .done: "done"
        case .other(let code): "code_\(code)"
        }
    }
}

/// A SQLite call that failed: which call, on which database, the library's own message.
public struct SQLiteError: ECDropError {
    public var result: SQLiteResultCode
    /// The extended result code, for the rare reader who needs it.
    public var extendedCode: Int32
    public var call: String
    public var path: String
    public var detail: String

    public init(result: SQLiteResultCode, extendedCode: Int32, call: String, path: String, detail: String) {
        self.result = result
        self.extendedCode = extendedCode
        self.call = call
        self.path = path
        self.detail = detail
    }

    public var code: String { "sqlite.\(result)" }

    public var message: String {
        "SQLite \(call) failed on \(path): \(detail) (\(result)); \(advice)"
    }

    private var advice: String {
        switch result {
        case .busy, .locked: "another process holds the journal; try again, or stop the other ecdrop"
        case .cantOpen, .permission, .readOnly: "check that the folder exists and this user may write to it"
        case .full: "free disk space where the journal lives"
        case .corrupt, .notADatabase: "the file is not a usable journal; move it aside and restart"
        case .constraint: "the record clashes with one already stored"
        default: "this is likely a defect in ecdrop; please report it"
        }
    }

    public var exitCode: ExitCode {
        switch result {
        case .busy, .locked: .temporaryFailure
        case .cantOpen, .permission, .readOnly: .cantCreate
        case .ioError, .full: .ioError
        default: .software
        }
    }
}
