internal import CMicroHTTPD
internal import CMicroHTTPDShim
import ECDropCore
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A started library daemon and the memory it borrows until it is stopped.
final class RunningDaemon: @unchecked Sendable {
    let daemon: OpaquePointer
    private let core: Unmanaged<ServerCore>
    private let logTarget: UnsafeMutablePointer<ecdrop_mhd_log_target>
    private let tlsStrings: [UnsafeMutablePointer<CChar>]
    private var listenSocket: Int32 = -1
    private var closed = false

    private init(
        daemon: OpaquePointer, core: Unmanaged<ServerCore>, logTarget: UnsafeMutablePointer<ecdrop_mhd_log_target>,
        tlsStrings: [UnsafeMutablePointer<CChar>]
    ) {
        self.daemon = daemon
        self.core = core
        self.logTarget = logTarget
        self.tlsStrings = tlsStrings
    }

    static func start(
        options: HTTPServerOptions, address: ListenAddress, core: ServerCore
    ) throws(HTTPServerError)
        -> RunningDaemon
    {
        let tlsStrings = try tlsMaterial(options)
        let retained = Unmanaged.passRetained(core)
        let target = UnsafeMutablePointer<ecdrop_mhd_log_target>.allocate(capacity: 1)
        target.initialize(to: ecdrop_mhd_log_target(write: mhdLogLine, context: retained.toOpaque()))
        let started = address.withSocketAddress { socketAddress in
            var items = [
                ecdrop_mhd_logger_option(target),
                ecdrop_mhd_option(.CONNECTION_LIMIT, max(1, options.maxConnections), nil),
                ecdrop_mhd_option(.CONNECTION_TIMEOUT, timeoutSeconds(options.connectionTimeout), nil),
                ecdrop_mhd_option(.SOCK_ADDR, 0, socketAddress),
                ecdrop_mhd_uri_log_option(mhdRequestStarted, retained.toOpaque()),
                ecdrop_mhd_completed_option(mhdRequestCompleted, retained.toOpaque()),
                ecdrop_mhd_connection_option(mhdConnectionChanged, retained.toOpaque()),
            ]
            if tlsStrings.count == 2 {
                items.append(ecdrop_mhd_option(.HTTPS_MEM_CERT, 0, tlsStrings[0]))
                items.append(ecdrop_mhd_option(.HTTPS_MEM_KEY, 0, tlsStrings[1]))
            }
            items.append(ecdrop_mhd_option(.END, 0, nil))
            return ecdrop_mhd_start(
                flags(address: address, tls: !tlsStrings.isEmpty), address.port, mhdAccess, retained.toOpaque(),
                items)
        }
        guard let started else {
            retained.release()
            target.deallocate()
            tlsStrings.forEach { free($0) }
            let why = core.lastLibraryMessage ?? "the library gave no reason"
            let kind: HTTPServerError.Kind = tlsStrings.isEmpty ? .startFailed : .tls
            throw HTTPServerError(
                kind,
                "cannot listen on \(address.rendered(port: address.port)): \(why); "
                    + "choose a free port or fix the address, certificate or key")
        }
        return RunningDaemon(daemon: started, core: retained, logTarget: target, tlsStrings: tlsStrings)
    }

    /// Closes the listening socket's accept path; open connections carry on.
    func quiesce() {
        listenSocket = MHD_quiesce_daemon(daemon)
        // The socket stays open until the daemon stops; shutting it down makes the kernel
        // refuse new connections instead of queueing them unanswered.
        if listenSocket >= 0 { _ = shutdown(listenSocket, Int32(SHUT_RDWR)) }
    }

    /// Stops the daemon (closing every connection) and frees what it borrowed.
    func close() {
        guard !closed else { return }
        closed = true
        MHD_stop_daemon(daemon)
        if listenSocket >= 0 { _ = Glibc.close(listenSocket) }
        core.release()
        logTarget.deinitialize(count: 1)
        logTarget.deallocate()
        tlsStrings.forEach { free($0) }
    }

    /// Called when the server is dropped without `stop()`.
    func abandon() {
        // Not yet: a daemon with handlers still running is leaked rather than stopped, since the
        // library aborts when stopped with suspended connections.
        if !core.takeUnretainedValue().hasRunningHandlers { close() }
    }

    private static func flags(address: ListenAddress, tls: Bool) -> UInt32 {
        var flags =
            MHD_USE_EPOLL_INTERNAL_THREAD.rawValue | MHD_ALLOW_SUSPEND_RESUME.rawValue | MHD_USE_ERROR_LOG.rawValue
        if address.family == .v6 { flags |= MHD_USE_IPv6.rawValue }
        if tls { flags |= MHD_USE_TLS.rawValue }
        return flags
    }

    private static func timeoutSeconds(_ timeout: TimeInterval) -> Int {
        guard timeout.isFinite, timeout > 0 else { return 0 }
        return max(1, Int(timeout.rounded(.up)))
    }

    /// The certificate and key as C strings, or none; throws when only one is given.
    private static func tlsMaterial(
        _ options: HTTPServerOptions
    ) throws(HTTPServerError) -> [UnsafeMutablePointer<CChar>] {
        switch (options.tlsCertificatePEM, options.tlsKeyPEM) {
        case (nil, nil):
            return []
        case (let certificate?, let key?):
            guard MHD_is_feature_supported(.FEATURE_TLS) == .YES else {
                throw HTTPServerError(.tls, "this libmicrohttpd was built without TLS; install one with GnuTLS")
            }
            return [certificate, key].map { pem in
                strdup(String(decoding: pem, as: UTF8.self))!
            }
        default:
            throw HTTPServerError(
                .tls, "TLS needs both a certificate and a key; set both files or neither")
        }
    }
}
