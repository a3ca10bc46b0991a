internal import CMicroHTTPD
internal import CMicroHTTPDShim
import ECDropCore
import Foundation
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// An HTTP/1.1 server over libmicrohttpd: one polling thread, each request answered by an
/// `HTTPHandler` in a Swift task while its connection is suspended.
public final class HTTPServer: Sendable {
    private let options: HTTPServerOptions
    private let core: ServerCore
    private let logger: Logger
    private let running = Mutex<RunningDaemon?>(nil)
    private let sweeper = Mutex<Task<Void, Never>?>(nil)
    private let bound = Mutex<(port: Int, address: String)>((0, ""))

    public init(options: HTTPServerOptions, handler: any HTTPHandler, logger: Logger) {
        self.options = options
        self.logger = logger
        self.core = ServerCore(
            handler: handler, maxBodyBytes: options.maxBodyBytes, requestTimeout: options.requestTimeout,
            logger: logger)
    }

    deinit {
        // A server dropped without stop(): close it if no handler holds a suspended connection.
        running.withLock { daemon in daemon?.abandon() }
    }

    /// The bound port, useful after listening on port 0; 0 before `start()`.
    public var port: Int { bound.withLock { $0.port } }

    /// `127.0.0.1:PORT` or `[::1]:PORT`; empty before `start()`.
    public var address: String { bound.withLock { $0.address } }

    /// Binds and starts serving. Throws `HTTPServerError` for a bad address, an address in
    /// use, or a certificate and key the library refuses.
    public func start() throws {
        let listen = try ListenAddress(parsing: options.listen)
        try running.withLock { current throws(HTTPServerError) in
            guard current == nil else { return }
            let daemon = try RunningDaemon.start(options: options, address: listen, core: core)
            let port = Int(ecdrop_mhd_bound_port(daemon.daemon))
            bound.withLock { $0 = (port, listen.rendered(port: UInt16(port))) }
            current = daemon
        }
        startSweeper()
        logger.info("http server listening", ["http.address": .string(address), "http.tls": .bool(options.usesTLS)])
    }

    /// Cuts connections whose request is overdue, checking a few times per timeout.
    private func startSweeper() {
        let deadlines = core.deadlines
        let interval = min(1, max(0.05, deadlines.timeout / 4))
        let task = Task {
            while !Task.isCancelled {
                try? await Task.sleep(nanoseconds: UInt64(interval * 1_000_000_000))
                deadlines.cutOverdue()
            }
        }
        sweeper.withLock { $0 = task }
    }

    /// Stops accepting, lets requests in flight finish (handlers included), then closes.
    public func stop() async {
        await stop(gracePeriod: nil)
    }

    /// Like `stop()`, but after `gracePeriod` seconds cancels handlers still running, so that
    /// handlers that honour cancellation return early.
    public func stop(gracePeriod: TimeInterval?) async {
        guard let daemon = running.withLock({ $0.take() }) else { return }
        daemon.quiesce()
        let canceller = gracePeriod.map { seconds in
            Task { [core] in
                try? await Task.sleep(nanoseconds: UInt64(max(0, seconds) * 1_000_000_000))
                if !Task.isCancelled { core.cancelHandlers() }
            }
        }
        await core.drain()
        canceller?.cancel()
        if let sweeping = sweeper.withLock({ $0.take() }) {
            sweeping.cancel()
            await sweeping.value
        }
        daemon.close()
        logger.info("http server stopped", ["http.address": .string(address)])
    }
}
