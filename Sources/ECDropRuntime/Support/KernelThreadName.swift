#if canImport(Glibc)
    import Glibc
#endif

/// Names the calling thread where the kernel keeps it (`/proc/PID/task/TID/comm`, `top -H`,
/// `perf`): Foundation's `Thread.name` stays inside Foundation on Linux.
enum KernelThreadName {
    /// At most 15 bytes are kept; a longer name is cut there. A refusal only leaves the old name.
    static func set(_ name: String) {
        #if canImport(Glibc)
            let fd = open("/proc/thread-self/comm", O_WRONLY | O_CLOEXEC)
            guard fd >= 0 else { return }
            defer { close(fd) }
            let bytes = Array(name.utf8.prefix(15))
            _ = bytes.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        #endif
    }
}
