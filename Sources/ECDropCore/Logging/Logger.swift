import Foundation

/// A logger handed to each part that logs; never a global.
///
/// Messages are short constant phrases; data goes in dotted metadata keys.
public struct Logger: Sendable {
    public var level: LogLevel
    public var metadata: LogMetadata
    private let sink: any LogSink
    private let time: any TimeSource

    public init(
        level: LogLevel = .info, sink: any LogSink, metadata: LogMetadata = [:],
        time: any TimeSource = SystemTimeSource()
    ) {
        self.level = level
        self.sink = sink
        self.metadata = metadata
        self.time = time
    }

    /// A logger that drops everything.
    public static var disabled: Logger { Logger(level: .critical, sink: DiscardingLogSink()) }

    /// A copy that adds `extra` to every line it writes.
    public func with(_ extra: LogMetadata) -> Logger {
        var copy = self
        copy.metadata.merge(extra) { _, new in new }
        return copy
    }

    public func isEnabled(_ candidate: LogLevel) -> Bool { candidate >= level }

    /// `extra` is only built when the level is enabled: the hot paths log at info and debug.
    public func log(_ entryLevel: LogLevel, _ message: String, _ extra: @autoclosure () -> LogMetadata = [:]) {
        guard isEnabled(entryLevel) else { return }
        let extra = extra()
        let merged = extra.isEmpty ? metadata : metadata.merging(extra) { _, new in new }
        sink.write(LogEntry(time: time.now(), level: entryLevel, message: message, metadata: merged))
    }

    public func trace(_ message: String, _ extra: @autoclosure () -> LogMetadata = [:]) {
        log(.trace, message, extra())
    }
    public func debug(_ message: String, _ extra: @autoclosure () -> LogMetadata = [:]) {
        log(.debug, message, extra())
    }
    public func info(_ message: String, _ extra: @autoclosure () -> LogMetadata = [:]) {
        log(.info, message, extra())
    }
    public func notice(_ message: String, _ extra: @autoclosure () -> LogMetadata = [:]) {
        log(.notice, message, extra())
    }
    public func warning(_ message: String, _ extra: @autoclosure () -> LogMetadata = [:]) {
        log(.warning, message, extra())
    }
    public func error(_ message: String, _ extra: @autoclosure () -> LogMetadata = [:]) {
        log(.error, message, extra())
    }
    public func critical(_ message: String, _ extra: @autoclosure () -> LogMetadata = [:]) {
        log(.critical, message, extra())
    }

    /// Logs an error once, where it is handled, with its code and message as metadata.
    public func error(_ message: String, error: any Error, _ extra: LogMetadata = [:]) {
        var data = extra
        if let known = error as? any ECDropError {
            data["error.code"] = .string(known.code)
            data["error.message"] = .string(known.message)
            if let location = known.location { data["error.location"] = .string(location.description) }
        } else {
            data["error.message"] = .string(String(describing: error))
        }
        log(.error, message, data)
    }
}

/// Drops every entry.
public struct DiscardingLogSink: LogSink {
    public init() {}
    public func write(_ entry: LogEntry) {}
}
