import ECDropCore
import Foundation

/// Why the drop-folder watcher could not do something with a folder or a file in it.
public struct DropFolderError: ECDropError {
    public enum Reason: String, Sendable {
        /// A system call on a file or folder failed.
        case io
        /// The file is larger than any manifest should be.
        case tooLarge = "too_large"
        /// The document stayed empty or truncated past the folder's incomplete timeout.
        case incompleteTimeout = "incomplete_timeout"
        /// The folder could not be watched (missing, not a folder, no permission, watch limit).
        case watch
    }

    public var reason: Reason
    public var message: String
    public var path: String
    /// The system call that failed, for `io`.
    public var call: String?
    public var errorNumber: Int32?
    public var cause: (any Error)?

    public init(
        _ reason: Reason, _ message: String, path: String, call: String? = nil, errorNumber: Int32? = nil,
        cause: (any Error)? = nil
    ) {
        self.reason = reason
        self.message = message
        self.path = path
        self.call = call
        self.errorNumber = errorNumber
        self.cause = cause
    }

    /// A failed system call, naming the call, the path, the system's reason and a fix.
    static func io(_ call: String, path: String, errorNumber: Int32) -> DropFolderError {
        let reason = String(cString: strerror(errorNumber))
        let fix: String
        switch errorNumber {
        case EACCES, EPERM: fix = "give the agent's user read and write permission on the drop folder and its files"
        case ENOSPC, EDQUOT: fix = "free space on the drop folder's file system"
        case EROFS: fix = "mount the drop folder's file system read-write, or set `after: keep`"
        case EXDEV: fix = "keep processed/ and failed/ on the same file system as the drop folder"
        default: fix = "check the drop folder's file system"
        }
        return DropFolderError(
            .io, "\(call) failed for '\(path)': \(reason); \(fix)", path: path, call: call, errorNumber: errorNumber)
    }

    public var code: String { "drop.\(reason.rawValue)" }

    public var exitCode: ExitCode {
        switch reason {
        case .io, .watch: .ioError
        case .tooLarge, .incompleteTimeout: .dataError
        }
    }

    /// True when the file or folder is simply not there (any more).
    var isMissing: Bool { errorNumber == ENOENT }
}
