import Foundation

/// A failure the simulator injects on purpose, for tests and chaos runs.
public struct SimulatorFault: Sendable, Hashable, Codable {
    public enum Kind: String, Sendable, Hashable, Codable, CaseIterable {
        /// 400 `Throttling.User`, optionally with `x-acs-retry-after`.
        case throttle
        /// 503 `ServiceUnavailable`.
        case unavailable
        /// 500 `InternalError`.
        case internalError = "internal"
        /// 502 with an HTML page, as a proxy or gateway would answer.
        case html
        /// 200 with a body that is not JSON.
        case garbage
        /// The connection is closed without an answer, before acting.
        case reset
        /// The action is carried out, then the connection is closed without an answer.
        case resetAfter = "reset_after"
        /// No answer for a while, then the connection is closed; nothing is done.
        case hangBefore = "hang_before"
        /// The action is carried out, then no answer for a while, then the connection is closed.
        case hangAfter = "hang_after"

        /// Whether the action is carried out before the failure.
        public var acts: Bool { self == .resetAfter || self == .hangAfter }
    }

    public var kind: Kind
    /// Applies to the next `count` matching requests; nil with a probability means "every time, by chance".
    public var count: Int?
    /// Chance (0...1) that a matching request gets the fault; nil means always (within `count`).
    public var probability: Double?
    /// Only this action (`UploadImage`); nil means every action.
    public var action: String?
    /// For hangs: how long before the connection is closed.
    public var hangSeconds: Double?
    /// For throttling: the `x-acs-retry-after` header, in milliseconds.
    public var retryAfterMs: Int?

    public init(
        kind: Kind, count: Int? = nil, probability: Double? = nil, action: String? = nil, hangSeconds: Double? = nil,
        retryAfterMs: Int? = nil
    ) {
        self.kind = kind
        self.count = count
        self.probability = probability
        self.action = action
        self.hangSeconds = hangSeconds
        self.retryAfterMs = retryAfterMs
    }

    enum CodingKeys: String, CodingKey {
        case kind, count, probability, action
        case hangSeconds = "hang_seconds"
        case retryAfterMs = "retry_after_ms"
    }

    /// The flag form: `KIND[:COUNT][@ACTION]`, such as `throttle:2@UploadImage` or `hang_after:1`.
    public static func parse(flag: String) -> SimulatorFault? {
        var text = Substring(flag)
        var action: String?
        if let at = text.firstIndex(of: "@") {
            action = String(text[text.index(after: at)...])
            text = text[..<at]
        }
        var count: Int?
        if let colon = text.firstIndex(of: ":") {
            guard let number = Int(text[text.index(after: colon)...]), number > 0 else { return nil }
            count = number
            text = text[..<colon]
        }
        guard let kind = Kind(rawValue: String(text)), action?.isEmpty != true else { return nil }
        return SimulatorFault(kind: kind, count: count, action: action)
    }
}
