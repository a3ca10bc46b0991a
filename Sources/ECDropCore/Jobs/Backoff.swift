import Foundation

/// Growing pauses: `initial × factor^n`, never above `maximum`.
public struct Backoff: Sendable, Hashable {
    public var initial: TimeInterval
    public var maximum: TimeInterval
    public var factor: Double

    public init(initial: TimeInterval, maximum: TimeInterval, factor: Double = 2) {
        precondition(initial > 0 && maximum >= initial && factor >= 1, "backoff needs 0 < initial <= maximum")
        self.initial = initial
        self.maximum = maximum
        self.factor = factor
    }

    /// The pause before the next try, after `failures` tries so far (0 for the first pause).
    // Not yet: jitter; one agent's polls are few enough that they do not herd.
    public func delay(after failures: Int) -> TimeInterval {
        let exponent = Double(max(0, min(failures, 64)))
        return min(maximum, initial * pow(factor, exponent))
    }

    /// Pauses between DescribeImages polls of one import.
    public static func polling(_ settings: PipelineSettings) -> Backoff {
        Backoff(
            initial: settings.pollInterval, maximum: max(settings.pollInterval, settings.maxPollInterval),
            factor: 1.5)
    }

    /// Pauses before an upload or lookup is tried again after a transient error.
    public static let calls = Backoff(initial: 5, maximum: 300)

    /// Pauses between webhook delivery attempts; with `retryFor` hours, about 20 attempts.
    public static let deliveries = Backoff(initial: 10, maximum: 1800)
}
