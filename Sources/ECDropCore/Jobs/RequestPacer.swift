import Foundation

/// Spaces API requests to at most `perSecond`, allowing a burst of `burst` after a quiet time.
/// Pure: the caller asks when a request may go and sleeps until then.
public struct RequestPacer: Sendable {
    public let perSecond: Double
    public let burst: Int
    /// The earliest time the next request may go if the bucket were empty.
    private var nextFree: Date?

    public init(perSecond: Double, burst: Int = 1) {
        precondition(perSecond > 0 && burst >= 1, "a pacer needs a positive rate and burst")
        self.perSecond = perSecond
        self.burst = burst
    }

    /// Books the next slot at or after `now` and returns its time.
    public mutating func reserve(at now: Date) -> Date {
        let spacing = 1 / perSecond
        let earliestCredit = now.addingTimeInterval(-spacing * Double(burst - 1))
        let slot = max(nextFree ?? earliestCredit, earliestCredit)
        let start = max(slot, now)
        nextFree = slot.addingTimeInterval(spacing)
        return start
    }

    /// Books a slot only if one is free at `now`; false leaves the schedule as it was.
    public mutating func reserveIfFree(at now: Date) -> Bool {
        var trial = self
        guard trial.reserve(at: now) <= now else { return false }
        self = trial
        return true
    }
}
