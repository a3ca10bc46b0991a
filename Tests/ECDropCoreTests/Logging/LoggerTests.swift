import ECDropCore
import ECDropTesting
import Foundation
import Testing

@Suite("Logger")
struct LoggerTests {
    @Test("lines below the logger's level are dropped", arguments: LogLevel.allCases)
    func levels(_ threshold: LogLevel) {
        let sink = MemoryLogSink()
        let logger = Logger(level: threshold, sink: sink)
        for level in LogLevel.allCases { logger.log(level, "line") }
        #expect(sink.entries.map(\.level) == LogLevel.allCases.filter { $0 >= threshold })
    }

    @Test(
        "level names parse, with 'warn' as a spelling of warning",
        arguments: [
            ("trace", LogLevel.trace), ("DEBUG", .debug), ("info", .info), ("warn", .warning), ("Warning", .warning),
            ("error", .error), ("critical", .critical),
        ])
    func levelNames(_ name: String, _ level: LogLevel) {
        #expect(LogLevel(name: name) == level)
    }

    @Test("an unknown level name is refused")
    func badLevelName() {
        #expect(LogLevel(name: "verbose") == nil)
    }

    @Test("with() adds metadata to every line; per-line keys win over it")
    func with() {
        let sink = MemoryLogSink()
        let base = Logger(sink: sink, time: ManualTimeSource())
        let job = base.with(["job.id": "j1", "rule.name": "win11"])
        job.info("job started", ["rule.name": "override"])
        base.info("plain")

        #expect(sink.entries[0].metadata == ["job.id": "j1", "rule.name": "override"])
        #expect(sink.entries[1].metadata.isEmpty)
        #expect(sink.entries[0].time == ManualTimeSource().now())
    }

    @Test("an error is logged with its code, message and location")
    func errorMetadata() {
        let sink = MemoryLogSink()
        let error = GeneralError(
            code: "rules.unknown_key", message: "unknown key 'matchs'",
            location: SourceLocation(file: "r.yaml", line: 3, column: 1))
        Logger(sink: sink).error("rules refused", error: error)

        let metadata = sink.entries.first?.metadata
        #expect(metadata?["error.code"] == "rules.unknown_key")
        #expect(metadata?["error.location"] == "r.yaml:3:1")
    }

    @Test("a disabled logger writes nothing, even at critical")
    func disabled() {
        #expect(!Logger.disabled.isEnabled(.error))
    }
}
