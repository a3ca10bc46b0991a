import Foundation

/// One log line before it is rendered.
public struct LogEntry: Sendable, Equatable {
    public var time: Date
    public var level: LogLevel
    public var message: String
    public var metadata: LogMetadata

    public init(time: Date, level: LogLevel, message: String, metadata: LogMetadata) {
        self.time = time
        self.level = level
        self.message = message
        self.metadata = metadata
    }
}

/// Where rendered or raw entries go. Sinks must be safe to call from any thread.
public protocol LogSink: Sendable {
    func write(_ entry: LogEntry)
}

/// Keeps every entry in memory, for tests that check what was logged.
public final class MemoryLogSink: LogSink, @unchecked Sendable {
    private let lock = NSLock()
    private var stored: [LogEntry] = []

    public init() {}

    public func write(_ entry: LogEntry) {
        lock.lock()
        stored.append(entry)
        lock.unlock()
    }

    public var entries: [LogEntry] {
        lock.lock()
        defer { lock.unlock() }
        return stored
    }

    /// Every entry rendered as it would reach stderr, for checks over whole lines.
    public func rendered(_ format: LogFormat = .logfmt) -> [String] {
        entries.map { format.render($0) }
    }
}
