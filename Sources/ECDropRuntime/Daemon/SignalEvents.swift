import Dispatch
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// The signals the daemon acts on.
public enum DaemonSignal: Sendable, Equatable, CustomStringConvertible {
    /// SIGTERM or SIGINT: stop intake, drain, exit.
    case stop(Int32)
    /// SIGHUP: reload the rules.
    case reload

    public var description: String {
        switch self {
        case .stop(SIGINT): "SIGINT"
        case .stop(SIGTERM): "SIGTERM"
        case .stop(let number): "signal \(number)"
        case .reload: "SIGHUP"
        }
    }
}

/// SIGTERM, SIGINT and SIGHUP as an async sequence. While it exists the signals no longer kill
/// the process; they arrive here instead, through dispatch sources. The sources are touched
/// only in `init` and `deinit`, hence the unchecked conformance.
public final class SignalEvents: @unchecked Sendable {
    public let stream: AsyncStream<DaemonSignal>
    private let sources: [any DispatchSourceSignal]

    public init() {
        let (stream, continuation) = AsyncStream.makeStream(of: DaemonSignal.self)
        let queue = DispatchQueue(label: "ecdrop.signals")
        let wanted: [(Int32, DaemonSignal)] = [(SIGTERM, .stop(SIGTERM)), (SIGINT, .stop(SIGINT)), (SIGHUP, .reload)]
        self.sources = wanted.map { number, event in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: queue)
            source.setEventHandler { continuation.yield(event) }
            source.resume()
            return source
        }
        self.stream = stream
        continuation.onTermination = { _ in }
    }

    deinit {
        for source in sources { source.cancel() }
    }
}
