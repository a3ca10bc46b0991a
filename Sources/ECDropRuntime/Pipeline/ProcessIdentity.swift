import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Names this agent process (`host/pid`) in the jobs it saves, and tells whether the process
/// named in a job still runs, so a crashed agent's upload lease does not hold its job hostage.
public enum ProcessIdentity {
    public static let current = "\(ProcessInfo.processInfo.hostName)/\(getpid())"

    /// True unless `owner` names a process on this host that no longer exists.
    public static func isAlive(_ owner: String) -> Bool {
        guard let slash = owner.lastIndex(of: "/"), let pid = Int32(owner[owner.index(after: slash)...]) else {
            return false
        }
        guard owner[..<slash] == ProcessInfo.processInfo.hostName else { return true }
        return kill(pid, 0) == 0 || errno == EPERM
    }
}
