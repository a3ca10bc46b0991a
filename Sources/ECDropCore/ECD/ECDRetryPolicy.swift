import Foundation

/// When to try an ECD call again and how long to wait: exponential backoff with full jitter
/// (a uniform pause between zero and the doubled step), or the server's `x-acs-retry-after`.
public struct ECDRetryPolicy: Sendable, Hashable {
    /// Attempts per call, the first included.
    public var maxAttempts: Int
    /// The first backoff step.
    public var baseDelay: TimeInterval
    /// The longest single pause, the server's own request included.
    public var maxDelay: TimeInterval
    /// Total time a call may spend waiting between attempts.
    public var budget: TimeInterval

    public init(
        maxAttempts: Int = 5, baseDelay: TimeInterval = 0.5, maxDelay: TimeInterval = 20, budget: TimeInterval = 120
    ) {
        self.maxAttempts = max(1, maxAttempts)
        self.baseDelay = baseDelay
        self.maxDelay = maxDelay
        self.budget = budget
    }

    /// The pause after failed attempt `attempt` (1-based). `unit` is a uniform random number in
    /// 0..<1; `retryAfter` is the server's wish, in seconds.
    public func delay(afterAttempt attempt: Int, retryAfter: TimeInterval?, unit: Double) -> TimeInterval {
        if let retryAfter, retryAfter > 0 { return min(retryAfter, maxDelay) }
        let step = baseDelay * pow(2, Double(max(0, attempt - 1)))
        return min(step, maxDelay) * min(max(unit, 0), 1)
    }

    /// Whether attempt `attempt` (1-based) failing with `error` earns another, given the time
    /// already spent waiting. An action that is not idempotent is never re-sent when the first
    /// copy may have been carried out.
    public func shouldRetry(
        _ error: ECDCallError, afterAttempt attempt: Int, waited: TimeInterval, idempotent: Bool
    ) -> Bool {
        guard error.disposition == .transient, attempt < maxAttempts, waited < budget else { return false }
        return idempotent || !error.outcomeUnknown
    }

    /// `x-acs-retry-after` is in milliseconds (as the SDK reads it); nil when absent or not a
    /// positive whole number.
    public static func retryAfterSeconds(header: String?) -> TimeInterval? {
        guard let header, let millis = Int(header.trimmingCharacters(in: .whitespaces)), millis > 0 else {
            return nil
        }
        return TimeInterval(millis) / 1000
    }
}
