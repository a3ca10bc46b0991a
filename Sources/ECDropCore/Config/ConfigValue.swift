import Foundation

/// One scalar setting as a layer supplies it: from the file (with its place), from an
/// `ECDROP_*` variable or from a flag. Readers turn it into a typed value or a `ConfigValueError`.
public struct ConfigValue: Sendable, Equatable {
    public var text: String
    /// Quoted in YAML: `"80"` is text; never null.
    public var quoted: Bool
    /// Relative paths are resolved against this folder (the configuration file's).
    public var baseDirectory: String

    public init(_ text: String, quoted: Bool = false, baseDirectory: String = "") {
        self.text = text
        self.quoted = quoted
        self.baseDirectory = baseDirectory
    }

    /// An unquoted `~`, `null` or empty value: "turn this off" for optional settings.
    public var isNull: Bool {
        !quoted && ["", "~", "null", "Null", "NULL"].contains(text)
    }
}

/// Why a value was refused; the decoder adds the key and the place.
public struct ConfigValueError: Error, Sendable, Equatable {
    public var code: String
    public var message: String
    public var suggestion: String?

    public init(_ code: String, _ message: String, suggestion: String? = nil) {
        self.code = code
        self.message = message
        self.suggestion = suggestion
    }
}

extension ConfigValue {
    public func string() throws(ConfigValueError) -> String {
        guard !isNull else { throw ConfigValueError("config.missing_value", "needs a value") }
        return text
    }

    public func optionalString() -> String? { isNull ? nil : text }

    /// An absolute path, or one relative to the configuration file's folder.
    public func path() throws(ConfigValueError) -> String {
        let raw = try string()
        if raw.hasPrefix("/") || baseDirectory.isEmpty { return Self.normalized(raw) }
        return Self.normalized(baseDirectory + "/" + raw)
    }

    public func optionalPath() throws(ConfigValueError) -> String? {
        isNull ? nil : try path()
    }

    public func integer(in range: ClosedRange<Int>) throws(ConfigValueError) -> Int {
        let cleaned = text.replacingOccurrences(of: "_", with: "")
        guard !quoted, let number = Int(cleaned) else {
            throw ConfigValueError("config.wrong_type", "expects a whole number, not '\(text)'")
        }
        try Self.check(number, in: range, shown: String(number))
        return number
    }

    public func number(in range: ClosedRange<Double>) throws(ConfigValueError) -> Double {
        guard !quoted, let number = Double(text), number.isFinite else {
            throw ConfigValueError("config.wrong_type", "expects a number, not '\(text)'")
        }
        guard range.contains(number) else {
            throw ConfigValueError(
                "config.out_of_range", "must be between \(range.lowerBound) and \(range.upperBound), not \(text)")
        }
        return number
    }

    /// `2s`, `500ms`, `5m`, `6h`, `1d`, `1h30m`; a bare number counts as seconds.
    public func duration(in range: ClosedRange<TimeInterval>) throws(ConfigValueError) -> TimeInterval {
        guard let seconds = DurationText.parse(text) else {
            throw ConfigValueError(
                "config.bad_duration", "expects a duration such as 30s, 5m or 6h, not '\(text)'")
        }
        guard range.contains(seconds) else {
            let low = DurationText.format(range.lowerBound)
            let high = DurationText.format(range.upperBound)
            throw ConfigValueError("config.out_of_range", "must be between \(low) and \(high), not '\(text)'")
        }
        return seconds
    }

    /// `1048576`, `512KiB`, `1MiB`, `2MB`.
    public func byteSize(in range: ClosedRange<Int>) throws(ConfigValueError) -> Int {
        guard let bytes = ByteSizeText.parse(text) else {
            throw ConfigValueError("config.bad_size", "expects a size such as 1MiB or 65536, not '\(text)'")
        }
        try Self.check(bytes, in: range, shown: text)
        return bytes
    }

    public func choice<Value: RawRepresentable & CaseIterable>(
        _ type: Value.Type
    ) throws(ConfigValueError) -> Value where Value.RawValue == String {
        if let value = Value(rawValue: text) { return value }
        let names = Value.allCases.map(\.rawValue)
        throw ConfigValueError(
            "config.bad_value", "must be one of \(names.joined(separator: ", ")), not '\(text)'",
            suggestion: Suggestion.closest(to: text, in: names))
    }

    /// An absolute `http://` or `https://` URL with a host.
    public func url() throws(ConfigValueError) -> String {
        let raw = try string()
        guard let url = URL(string: raw), let scheme = url.scheme?.lowercased(),
            scheme == "http" || scheme == "https", let host = url.host, !host.isEmpty
        else {
            throw ConfigValueError(
                "config.bad_url", "expects an http:// or https:// URL such as https://hooks.example.com/x, not '\(raw)'"
            )
        }
        return raw
    }

    /// `host:port` or `[v6]:port`, port 0–65535 (0 picks a free port).
    public func listenAddress() throws(ConfigValueError) -> String {
        let raw = try string()
        guard ListenAddress(raw) != nil else {
            throw ConfigValueError(
                "config.bad_listen", "expects host:port such as 127.0.0.1:8787 or [::1]:8787, not '\(raw)'")
        }
        return raw
    }

    private static func check(_ value: Int, in range: ClosedRange<Int>, shown: String) throws(ConfigValueError) {
        guard range.contains(value) else {
            throw ConfigValueError(
                "config.out_of_range", "must be between \(range.lowerBound) and \(range.upperBound), not \(shown)")
        }
    }

    private static func normalized(_ path: String) -> String {
        (path as NSString).standardizingPath
    }
}
