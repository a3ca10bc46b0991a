import ECDropCore
import Foundation

/// Writes rendered log lines to stderr, one write a line so lines from threads never interleave.
public struct StandardErrorLogSink: LogSink {
    public var format: LogFormat

    public init(format: LogFormat) { self.format = format }

    public func write(_ entry: LogEntry) {
        let line = format.render(entry) + "\n"
        FileHandle.standardError.write(Data(line.utf8))
    }
}
