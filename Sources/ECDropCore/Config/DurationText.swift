import Foundation

/// Durations as people write them in configuration: `500ms`, `2s`, `5m`, `6h`, `1d`, `1h30m`.
public enum DurationText {
    private static let units: [(suffix: String, seconds: Double)] = [
        ("ms", 0.001), ("s", 1), ("m", 60), ("h", 3600), ("d", 86_400),
    ]

    /// Seconds, or nil when the text is not a duration. A bare number counts as seconds.
    public static func parse(_ text: String) -> TimeInterval? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if let plain = Double(trimmed) { return plain.isFinite && plain >= 0 ? plain : nil }
        var rest = Substring(trimmed)
        var total = 0.0
        while !rest.isEmpty {
            guard let (seconds, remaining) = component(rest) else { return nil }
            total += seconds
            rest = remaining
        }
        return trimmed.isEmpty ? nil : total
    }

    /// The shortest exact spelling: `90` → `1m30s`, `0.5` → `500ms`.
    public static func format(_ seconds: TimeInterval) -> String {
        if seconds < 1, seconds > 0 { return "\(Int((seconds * 1000).rounded()))ms" }
        var left = Int(seconds.rounded())
        if left == 0 { return "0s" }
        var text = ""
        for (suffix, size) in units.reversed() where size >= 1 {
            let count = left / Int(size)
            if count > 0 {
                text += "\(count)\(suffix)"
                left -= count * Int(size)
            }
        }
        return text
    }

    private static func component(_ text: Substring) -> (TimeInterval, Substring)? {
        let digits = text.prefix { $0.isNumber || $0 == "." }
        guard !digits.isEmpty, let value = Double(digits) else { return nil }
        let afterDigits = text.dropFirst(digits.count)
        let suffix = afterDigits.prefix { $0.isLetter }
        guard let unit = units.first(where: { $0.suffix == suffix }) else { return nil }
        return (value * unit.seconds, afterDigits.dropFirst(suffix.count))
    }
}

/// Sizes as people write them: `65536`, `512KiB`, `1MiB`, `2MB`, `1GiB`.
public enum ByteSizeText {
    private static let units: [String: Int] = [
        "B": 1, "KB": 1000, "KiB": 1024, "MB": 1_000_000, "MiB": 1 << 20, "GB": 1_000_000_000, "GiB": 1 << 30,
    ]

    public static func parse(_ text: String) -> Int? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        let digits = trimmed.prefix { $0.isNumber }
        guard !digits.isEmpty, let value = Int(digits) else { return nil }
        let suffix = trimmed.dropFirst(digits.count).trimmingCharacters(in: .whitespaces)
        if suffix.isEmpty { return value }
        guard let size = units[suffix] else { return nil }
        let (product, overflow) = value.multipliedReportingOverflow(by: size)
        return overflow ? nil : product
    }
}

/// A listening address: `127.0.0.1:8787`, `localhost:80`, `[::1]:8787`, `0.0.0.0:0`.
public struct ListenAddress: Sendable, Hashable, CustomStringConvertible {
    public var host: String
    public var port: Int

    public init?(_ text: String) {
        let hostPart: Substring
        let portPart: Substring
        if text.hasPrefix("[") {
            guard let close = text.firstIndex(of: "]") else { return nil }
            hostPart = text[text.index(after: text.startIndex)..<close]
            let after = text[text.index(after: close)...]
            guard after.hasPrefix(":") else { return nil }
            portPart = after.dropFirst()
        } else {
            guard let colon = text.lastIndex(of: ":") else { return nil }
            hostPart = text[..<colon]
            portPart = text[text.index(after: colon)...]
            if hostPart.contains(":") { return nil }
        }
        guard !hostPart.isEmpty, !hostPart.contains(where: \.isWhitespace) else { return nil }
        guard portPart.allSatisfy(\.isNumber), let port = Int(portPart), (0...65_535).contains(port) else {
            return nil
        }
        self.host = String(hostPart)
        self.port = port
    }

    public var description: String { host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)" }
}
