internal import CInotifyTools
public import ECDropCore
import Foundation

/// A libinotifytools call that failed, with the system's reason and what to do about it.
public struct InotifyError: ECDropError {
    /// The library function that failed, such as `inotifytools_watch_file`.
    public var call: String
    /// The path the call was about, when there is one.
    public var path: String?
    /// The `errno` value the library reported (zero when it gave none).
    public var errorNumber: Int32

    public init(call: String, path: String?, errorNumber: Int32) {
        self.call = call
        self.path = path
        self.errorNumber = errorNumber
    }

    public var code: String {
        switch errorNumber {
        case ENOENT: "inotify.not_found"
        case ENOTDIR: "inotify.not_a_directory"
        case EACCES, EPERM: "inotify.permission_denied"
        case ENOSPC: "inotify.watch_limit"
        case EMFILE: "inotify.instance_limit"
        default: "inotify.failure"
        }
    }

    public var message: String {
        let subject = path.map { " for '\($0)'" } ?? ""
        return "\(call) failed\(subject): \(reason); \(fix)"
    }

    public var exitCode: ExitCode {
        switch errorNumber {
        case ENOENT, ENOTDIR: .noInput
        case EACCES, EPERM: .permissionDenied
        default: .unavailable
        }
    }

    var reason: String {
        guard errorNumber != 0 else { return "the library gave no reason" }
        return String(cString: strerror(errorNumber))
    }

    var fix: String {
        switch errorNumber {
        case ENOENT, ENOTDIR: "create the folder or correct the path in the configuration"
        case EACCES, EPERM: "give the agent's user read and execute permission on the folder"
        case ENOSPC:
            "raise fs.inotify.max_user_watches (now \(InotifyLimits.current().maxUserWatches.map(String.init) ?? "unknown")) "
                + "with sysctl, or watch fewer folders"
        case EMFILE:
            "raise fs.inotify.max_user_instances (now "
                + "\(InotifyLimits.current().maxUserInstances.map(String.init) ?? "unknown")) with sysctl"
        default: "check the kernel's inotify support and the agent's limits"
        }
    }
}

/// Runs one libinotifytools call that answers 1 for success and 0 for failure, and turns a
/// failure into an `InotifyError`. The reason comes from this thread's `errno`, which the library
/// sets from the failing system call; its own error variable is shared with the reader thread
/// (which clears it on every read), so it is only the fallback.
func check(_ call: String, path: String? = nil, _ body: () -> Int32) throws(InotifyError) {
    errno = 0
    guard body() == 0 else { return }
    let threadError = errno
    let libraryError = inotifytools_error()
    throw InotifyError(call: call, path: path, errorNumber: threadError != 0 ? threadError : max(0, libraryError))
}
