import ECDropCore
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Tells systemd how the service is doing (`sd_notify` without libsystemd): one datagram per
/// state to the socket named by `NOTIFY_SOCKET`, a path or an abstract name starting with `@`.
public struct SystemdNotifier: Sendable {
    public let socketPath: String
    /// Half of `WATCHDOG_USEC` when systemd expects keep-alive pings from this process.
    public let watchdogInterval: TimeInterval?

    /// Nil when the process was not started by systemd with `Type=notify`.
    public init?(environment: [String: String]) {
        guard let path = environment["NOTIFY_SOCKET"], !path.isEmpty else { return nil }
        self.socketPath = path
        self.watchdogInterval = Self.watchdogInterval(environment)
    }

    public func ready(status: String) throws(SystemdNotifyError) {
        try send("READY=1\nSTATUS=\(status)")
    }

    public func reloading() throws(SystemdNotifyError) {
        try send("RELOADING=1\nMONOTONIC_USEC=\(Self.monotonicMicroseconds())")
    }

    public func stopping() throws(SystemdNotifyError) { try send("STOPPING=1") }

    public func watchdog() throws(SystemdNotifyError) { try send("WATCHDOG=1") }

    /// Sends `text` (newline-separated `KEY=value` assignments) as one datagram.
    public func send(_ text: String) throws(SystemdNotifyError) {
        let descriptor = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard descriptor >= 0 else { throw SystemdNotifyError(call: "socket", path: socketPath, errno: errno) }
        defer { close(descriptor) }

        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        var name = Array(socketPath.utf8)
        if name.first == UInt8(ascii: "@") { name[0] = 0 }
        let capacity = MemoryLayout.size(ofValue: address.sun_path)
        guard name.count < capacity else {
            throw SystemdNotifyError(call: "sendto", path: socketPath, errno: ENAMETOOLONG)
        }
        withUnsafeMutableBytes(of: &address.sun_path) { buffer in buffer.copyBytes(from: name) }
        let length = socklen_t(MemoryLayout<sockaddr_un>.offset(of: \.sun_path)! + name.count)

        let payload = Array(text.utf8)
        let sent = withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { socketAddress in
                sendto(descriptor, payload, payload.count, Int32(MSG_NOSIGNAL), socketAddress, length)
            }
        }
        guard sent == payload.count else { throw SystemdNotifyError(call: "sendto", path: socketPath, errno: errno) }
    }

    static func watchdogInterval(_ environment: [String: String]) -> TimeInterval? {
        guard let text = environment["WATCHDOG_USEC"], let micros = Double(text), micros > 0 else { return nil }
        if let pid = environment["WATCHDOG_PID"], pid != String(getpid()) { return nil }
        return micros / 2 / 1_000_000
    }

    static func monotonicMicroseconds() -> UInt64 {
        var now = timespec()
        clock_gettime(CLOCK_MONOTONIC, &now)
        return UInt64(now.tv_sec) * 1_000_000 + UInt64(now.tv_nsec) / 1000
    }
}

/// A notification could not reach systemd's socket.
public struct SystemdNotifyError: ECDropError {
    public var call: String
    public var path: String
    public var errno: Int32

    public var code: String { "systemd.notify_failed" }

    public var message: String {
        "\(call) to the systemd notification socket \(path) failed: \(String(cString: strerror(errno))); "
            + "check NOTIFY_SOCKET, or unset it when not running under systemd"
    }

    public var exitCode: ExitCode { .unavailable }
}
