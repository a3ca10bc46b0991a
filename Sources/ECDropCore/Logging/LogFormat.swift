import Foundation

/// How a log line is written: logfmt (the default) or one JSON object a line.
public enum LogFormat: String, Sendable, CaseIterable {
    case logfmt
    case json

    public func render(_ entry: LogEntry) -> String {
        let time = LogFormat.timestamp(entry.time)
        let keys = entry.metadata.keys.sorted()
        switch self {
        case .logfmt:
            var parts = ["ts=\(time)", "level=\(entry.level)", "msg=\(LogFormat.logfmtValue(entry.message))"]
            for key in keys {
                parts.append("\(key)=\(LogFormat.logfmtValue(entry.metadata[key]!.description))")
            }
            return parts.joined(separator: " ")
        case .json:
            var parts = [
                "\"ts\":\(LogFormat.jsonString(time))",
                "\"level\":\(LogFormat.jsonString(entry.level.description))",
                "\"msg\":\(LogFormat.jsonString(entry.message))",
            ]
            for key in keys {
                parts.append("\(LogFormat.jsonString(key)):\(LogFormat.jsonValue(entry.metadata[key]!))")
            }
            return "{" + parts.joined(separator: ",") + "}"
        }
    }

    static func timestamp(_ date: Date) -> String {
        date.formatted(
            Date.ISO8601FormatStyle(includingFractionalSeconds: true, timeZone: TimeZone(identifier: "UTC")!))
    }

    static func logfmtValue(_ text: String) -> String {
        let needsQuotes =
            text.isEmpty
            || text.unicodeScalars.contains {
                $0 == " " || $0 == "=" || $0 == "\"" || $0 == "\\" || $0.value < 0x20 || $0.value == 0x7F
                    // ASCII whitespace is covered above; only the rest needs Unicode's tables.
                    || ($0.value >= 0x80 && $0.properties.isWhitespace)
            }
        guard needsQuotes else { return text }
        // The same escapes as a JSON string, so control characters cannot forge or split lines.
        return jsonString(text)
    }

    static func jsonValue(_ value: LogValue) -> String {
        switch value {
        case .int(let number): String(number)
        case .double(let number): number.isFinite ? String(number) : jsonString(String(number))
        case .bool(let flag): String(flag)
        case .string, .secret: jsonString(value.description)
        }
    }

    static func jsonString(_ text: String) -> String { JSONText.quoted(text) }
}
