import ECDropCore

/// Why the journal could not do what was asked.
public struct JournalError: ECDropError {
    public enum Reason: String, Sendable {
        /// The journal file cannot be opened or created.
        case unavailable
        /// The journal was written by a newer ecdrop.
        case newerSchema = "newer_schema"
        /// Another writer saved the job first.
        case conflict
        /// A stored record cannot be read back.
        case corruptRecord = "corrupt_record"
        /// A read or write failed.
        case storage
    }

    public var reason: Reason
    public var path: String
    public var detail: String
    public var cause: (any Error)?

    public init(_ reason: Reason, path: String, detail: String, cause: (any Error)? = nil) {
        self.reason = reason
        self.path = path
        self.detail = detail
        self.cause = cause
    }

    public var code: String { "journal.\(reason.rawValue)" }

    public var message: String {
        switch reason {
        case .unavailable:
            "cannot open the journal \(path): \(detail); check that state_dir exists and is writable"
        case .newerSchema:
            "the journal \(path) \(detail); upgrade ecdrop, or point state_dir elsewhere"
        case .conflict:
            "\(detail) in \(path): another writer changed it first; the change will be retried"
        case .corruptRecord:
            "a record in the journal \(path) cannot be read: \(detail); restore the journal from a backup"
        case .storage:
            "the journal \(path) failed: \(detail)"
        }
    }

    public var exitCode: ExitCode {
        switch reason {
        case .unavailable: .cantCreate
        case .newerSchema: .config
        case .conflict: .temporaryFailure
        case .corruptRecord, .storage: .ioError
        }
    }
}
