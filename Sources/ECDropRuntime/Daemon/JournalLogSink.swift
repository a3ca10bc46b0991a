import ECDropCore
import Foundation

/// Log lines for systemd's journal: each line starts with its syslog priority (`<6>` for info),
/// which journald reads as the entry's level, so `journalctl -p warning` works. Used when
/// `JOURNAL_STREAM` says stderr is connected to the journal.
public struct JournalLogSink: LogSink {
    public var format: LogFormat

    public init(format: LogFormat) { self.format = format }

    public func write(_ entry: LogEntry) {
        let line = "<\(Self.priority(entry.level))>" + format.render(entry) + "\n"
        FileHandle.standardError.write(Data(line.utf8))
    }

    static func priority(_ level: LogLevel) -> Int {
        switch level {
        case .trace, .debug: 7
        case .info: 6
        case .notice: 5
        case .warning: 4
        case .error: 3
        case .critical: 2
        }
    }

    /// True when systemd connected stderr to the journal.
    public static func isJournal(_ environment: [String: String]) -> Bool {
        guard let stream = environment["JOURNAL_STREAM"] else { return false }
        let parts = stream.split(separator: ":")
        guard parts.count == 2, let device = UInt64(parts[0]), let inode = UInt64(parts[1]) else { return false }
        var info = stat()
        guard fstat(STDERR_FILENO, &info) == 0 else { return false }
        return UInt64(info.st_dev) == device && UInt64(info.st_ino) == inode
    }
}
