import ECDropCore
import Foundation

/// Every open connection, watch and journal file costs a file descriptor. Services often start
/// with a soft limit of 1,024 under a much higher hard one; a server raises its own soft limit.
enum FileDescriptorLimit {
    /// Raises the soft limit to the hard one and warns when it is still too low for `needed`.
    static func raise(toServe needed: Int, logger: Logger) {
        var limit = rlimit()
        guard getrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit) == 0 else { return }
        if limit.rlim_cur < limit.rlim_max {
            var raised = limit
            raised.rlim_cur = limit.rlim_max
            if setrlimit(Int32(RLIMIT_NOFILE.rawValue), &raised) == 0 { limit = raised }
        }
        logger.debug("file descriptor limit", ["process.nofile": .int(Int(clamping: limit.rlim_cur))])
        if limit.rlim_cur < rlim_t(needed) {
            logger.warning(
                "file descriptor limit below what the configuration needs",
                [
                    "process.nofile": .int(Int(clamping: limit.rlim_cur)), "needed": .int(needed),
                    "hint": "raise LimitNOFILE (systemd) or ulimit -n, or lower webhook.max_connections",
                ])
        }
    }
}
