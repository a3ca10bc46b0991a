import ECDropCore
import Foundation
import Testing

@Suite("LogFormat rendering")
struct LogFormatTests {
    static let time = Date(timeIntervalSince1970: 1_767_225_600.25)

    static func entry(_ message: String = "job finished", _ metadata: LogMetadata = [:]) -> LogEntry {
        LogEntry(time: time, level: .info, message: message, metadata: metadata)
    }

    @Test("logfmt puts time, level and message first, then keys in sorted order")
    func logfmtLayout() {
        let line = LogFormat.logfmt.render(Self.entry("job finished", ["job.id": "j1", "duration_ms": 12]))
        #expect(line == "ts=2026-01-01T00:00:00.250Z level=info msg=\"job finished\" duration_ms=12 job.id=j1")
    }

    struct Quoting: Sendable {
        var value: String
        var rendered: String
    }

    static let quoting: [Quoting] = [
        Quoting(value: "plain", rendered: "plain"),
        Quoting(value: "", rendered: "\"\""),
        Quoting(value: "two words", rendered: "\"two words\""),
        Quoting(value: "a=b", rendered: "\"a=b\""),
        Quoting(value: "say \"hi\"", rendered: "\"say \\\"hi\\\"\""),
        Quoting(value: "C:\\path", rendered: "\"C:\\\\path\""),
        Quoting(value: "line1\nline2", rendered: "\"line1\\nline2\""),
        Quoting(value: "tab\there", rendered: "\"tab\\there\""),
        Quoting(value: "bell\u{7}", rendered: "\"bell\\u0007\""),
        Quoting(value: "esc\u{1B}[31m", rendered: "\"esc\\u001b[31m\""),
        Quoting(value: "名前", rendered: "名前"),
        // Whitespace outside ASCII splits a logfmt line for some readers too.
        Quoting(value: "no\u{A0}break", rendered: "\"no\u{A0}break\""),
        Quoting(value: "line\u{2028}separator", rendered: "\"line\u{2028}separator\""),
        Quoting(value: "wide\u{3000}space", rendered: "\"wide\u{3000}space\""),
        Quoting(value: "next\u{85}line", rendered: "\"next\u{85}line\""),
    ]

    @Test("logfmt quotes and escapes values so one entry stays one parseable line", arguments: quoting)
    func logfmtQuoting(_ testCase: Quoting) {
        let line = LogFormat.logfmt.render(Self.entry("m", ["k": .string(testCase.value)]))
        #expect(line.hasSuffix(" k=\(testCase.rendered)"))
        #expect(!line.contains("\n"))
    }

    @Test("JSON lines escape quotes, backslashes and control characters")
    func jsonEscaping() throws {
        let metadata: LogMetadata = ["path": "C:\\x \"y\"\n\u{1}", "count": 3, "ok": true, "ratio": 0.5]
        let line = LogFormat.json.render(Self.entry("job \"x\" done", metadata))
        #expect(!line.contains("\n"))
        #expect(line.contains(#""path":"C:\\x \"y\"\n\u0001""#))

        let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        #expect(object["msg"] as? String == "job \"x\" done")
        #expect(object["path"] as? String == "C:\\x \"y\"\n\u{1}")
        #expect(object["count"] as? Int == 3)
        #expect(object["ok"] as? Bool == true)
        #expect(object["ratio"] as? Double == 0.5)
        #expect(object["level"] as? String == "info")
        #expect(object["ts"] as? String == "2026-01-01T00:00:00.250Z")
    }

    @Test("a non-finite number is written as a JSON string, keeping the line valid")
    func nonFinite() throws {
        let line = LogFormat.json.render(Self.entry("m", ["x": .double(.infinity)]))
        let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
        #expect(object?["x"] as? String == "inf")
    }
}
