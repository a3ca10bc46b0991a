import Foundation

/// Build times as manifests write them: Unix seconds, or RFC 3339 date-times.
enum Timestamp {
    static func unixSeconds(from text: String) -> Int64? {
        if let seconds = Int64(text) { return seconds }
        return date(from: text).flatMap { Int64(exactly: $0.timeIntervalSince1970.rounded(.down)) }
    }

    static func date(from text: String) -> Date? {
        if let seconds = Double(text), seconds.isFinite { return Date(timeIntervalSince1970: seconds) }
        let plain = ISO8601DateFormatter()
        if let date = plain.date(from: text) { return date }
        let fractional = ISO8601DateFormatter()
        fractional.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return fractional.date(from: text)
    }
}
